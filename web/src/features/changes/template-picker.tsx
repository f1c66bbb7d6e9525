import { client } from '../../client.js';
import { useApi } from '../../ui/use-api.js';

/** A standard-change template as the policy states it: what a change following it may set. */
interface TemplateOption {
  name: string;
  description: string;
  classes: { class: string; attributes: string[] }[];
}

/** The policy's templates, read defensively: the policy travels as a free-form document. */
function templatesOf(policy: Record<string, unknown>): TemplateOption[] {
  const list = Array.isArray(policy['templates']) ? (policy['templates'] as unknown[]) : [];
  return list.flatMap((t) => {
    if (typeof t !== 'object' || t === null) return [];
    const { name, description, classes } = t as Record<string, unknown>;
    if (typeof name !== 'string') return [];
    return [
      {
        name,
        description: typeof description === 'string' ? description : '',
        classes: (Array.isArray(classes) ? (classes as Record<string, unknown>[]) : []).map((c) => ({
          class: String(c['class']),
          attributes: Array.isArray(c['attributes']) ? (c['attributes'] as unknown[]).map(String) : [],
        })),
      },
    ];
  });
}

/**
 * The template a standard change follows: a standard change is pre-approved because its plan
 * stays inside one of the policy's templates, so the form asks which, and says what it allows.
 */
export function TemplatePicker(props: { value: string; onChange: (name: string) => void }) {
  const policy = useApi(() => client.policy.show(), []);
  const templates = policy.data ? templatesOf(policy.data.policy) : [];
  const chosen = templates.find((t) => t.name === props.value);
  if (policy.data && templates.length === 0)
    return (
      <p className="muted" role="status">
        The policy defines no standard-change templates, so no change can be standard yet: choose Normal.
      </p>
    );
  return (
    <>
      <label>
        <span className="required">Template</span>
        <select name="template" value={props.value} onChange={(e) => props.onChange(e.target.value)}>
          <option value="">Choose the template it follows…</option>
          {templates.map((t) => (
            <option key={t.name} value={t.name}>
              {t.name}
            </option>
          ))}
        </select>
      </label>
      {chosen && (
        <p className="muted" data-testid="template-allows">
          {chosen.description ? `${chosen.description}. ` : ''}It may set{' '}
          {chosen.classes
            .map((c) => `${c.attributes.length > 0 ? c.attributes.join(', ') : 'nothing'} of a ${c.class}`)
            .join('; ')}
          ; anything else in the plan is refused.
        </p>
      )}
    </>
  );
}

import { useState, type FormEvent } from 'react';
import { Link, navigate } from '../../app/router.js';
import { useVocabulary } from '../../app/session.js';
import { client } from '../../client.js';
import { formatValue, humanize } from '../../ui/format.js';
import { useApi } from '../../ui/use-api.js';
import { Card, ErrorBox, PageHeader } from '../../ui/widgets.js';
import { PlanPreview } from './plan-preview.js';

/** One line of the plan built in the form: set `key` of CI `ci` (class/name) to `value`. */
interface PlanRow {
  ci: string;
  key: string;
  value: string;
}

/**
 * A value as typed, of the type the attribute has now ("16.5" stays text for a version held as
 * text); for a new attribute, numbers, true/false and null as JSON, anything else as text.
 */
function parseValue(text: string, current: unknown): unknown {
  const t = text.trim();
  if (t === 'null') return null;
  if (typeof current === 'string') return text;
  if (typeof current === 'number' && t !== '' && !Number.isNaN(Number(t))) return Number(t);
  if (/^-?\d+(\.\d+)?$/.test(t) || t === 'true' || t === 'false') return JSON.parse(t) as unknown;
  return text;
}

/** The plan document (desired state) the rows describe: one entry per CI, its attributes merged. */
export function planOf(
  rows: readonly PlanRow[],
  current: ReadonlyMap<string, Record<string, unknown>> = new Map(),
): { cis: Record<string, unknown>[]; relations: [] } {
  const byCi = new Map<string, Record<string, unknown>>();
  for (const r of rows) {
    const slash = r.ci.indexOf('/');
    if (slash <= 0 || !r.key.trim()) continue;
    const attrs = byCi.get(r.ci) ?? {};
    attrs[r.key.trim()] = parseValue(r.value, current.get(r.ci)?.[r.key.trim()]);
    byCi.set(r.ci, attrs);
  }
  return {
    cis: [...byCi].map(([ref, attributes]) => ({
      class: ref.slice(0, ref.indexOf('/')),
      name: ref.slice(ref.indexOf('/') + 1),
      attributes,
    })),
    relations: [],
  };
}

/** `2026-12-01T22:00` (the browser's zone) → ISO, or undefined when empty. */
const isoOf = (local: string) => (local ? new Date(local).toISOString() : undefined);

/**
 * Raise a change: the fields of change.yaml, a plan built row by row against a CI picker, the
 * plan checked by the server (before → after, impact) before the draft is created. The draft's
 * page then shows its computed risk and approvals before it is submitted.
 */
export function ChangeFormPage(props: { query: URLSearchParams }) {
  const types = useVocabulary().changeTypes;
  const fromCi = props.query.get('ci') ?? '';
  const [fields, setFields] = useState({
    type: 'normal',
    title: '',
    description: '',
    justification: '',
    assignee: '',
    start: '',
    end: '',
    implementationPlan: '',
    testPlan: '',
    backoutPlan: '',
  });
  const [rows, setRows] = useState<PlanRow[]>([{ ci: fromCi, key: '', value: '' }]);
  const [error, setError] = useState<Error>();
  const [missing, setMissing] = useState<string>();
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof fields) => (e: { target: { value: string } }) =>
    setFields({ ...fields, [k]: e.target.value });
  const setRow = (i: number, patch: Partial<PlanRow>) =>
    setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const refs = [...new Set(rows.map((r) => r.ci).filter((ci) => ci.indexOf('/') > 0))].sort();
  // The CIs' current attributes, so that a value keeps the type its attribute has (the CI picker's check too).
  const current = useApi(
    async () =>
      new Map(
        await Promise.all(
          refs.map(async (ref) => {
            const ci = await client.cmdb.getCi(ref).catch(() => undefined);
            return [ref, ci?.attributes ?? {}] as const;
          }),
        ),
      ),
    [refs.join('\n')],
  );
  const plan = planOf(rows, current.data);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!fields.title.trim()) return setMissing('Give the change a title.');
    if ((fields.start === '') !== (fields.end === '')) return setMissing('Give both the window’s start and its end.');
    setMissing(undefined);
    setBusy(true);
    setError(undefined);
    try {
      const start = isoOf(fields.start);
      const end = isoOf(fields.end);
      const created = await client.changes.create({
        type: fields.type,
        title: fields.title.trim(),
        description: fields.description,
        justification: fields.justification,
        ...(fields.assignee.trim() ? { assignee: fields.assignee.trim() } : {}),
        ...(start && end ? { window: { start, end } } : {}),
        implementation_plan: fields.implementationPlan,
        test_plan: fields.testPlan,
        backout_plan: fields.backoutPlan,
        plan,
      });
      navigate(`/changes/${created.ref}`);
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader
        title="Request a change"
        kicker={<Link to="/changes">Changes</Link>}
        subtitle="Describe the change and build its plan; it is saved as a draft, which you then submit for approval."
      />
      <form className="stack" onSubmit={(e) => void submit(e)}>
        <Card title="The change">
          <div className="form">
            <label>
              Type
              <select name="type" value={fields.type} onChange={set('type')}>
                {types
                  .filter((t) => t !== 'standard')
                  .map((t) => (
                    <option key={t} value={t}>
                      {humanize(t)}
                    </option>
                  ))}
              </select>
            </label>
            <label>
              <span className="required">Title</span>
              <input name="title" value={fields.title} onChange={set('title')} />
            </label>
            <label>
              Description
              <textarea name="description" rows={2} value={fields.description} onChange={set('description')} />
            </label>
            <label>
              Justification
              <textarea name="justification" rows={2} value={fields.justification} onChange={set('justification')} />
            </label>
            <label>
              Assignee (who implements it)
              <input name="assignee" value={fields.assignee} onChange={set('assignee')} />
            </label>
            <div className="grid-2">
              <label>
                Window start
                <input type="datetime-local" name="start" value={fields.start} onChange={set('start')} />
              </label>
              <label>
                Window end
                <input type="datetime-local" name="end" value={fields.end} onChange={set('end')} />
              </label>
            </div>
            <label>
              Implementation plan
              <textarea
                name="implementationPlan"
                rows={2}
                value={fields.implementationPlan}
                onChange={set('implementationPlan')}
              />
            </label>
            <label>
              Test plan
              <textarea name="testPlan" rows={2} value={fields.testPlan} onChange={set('testPlan')} />
            </label>
            <label>
              Backout plan
              <textarea name="backoutPlan" rows={2} value={fields.backoutPlan} onChange={set('backoutPlan')} />
            </label>
          </div>
        </Card>
        <Card title="Plan: what it sets">
          {rows.map((r, i) => (
            <div className="plan-row" key={i}>
              <label>
                CI (class/name)
                <input
                  name={`ci-${i}`}
                  value={r.ci}
                  placeholder="database/orders-db"
                  onChange={(e) => setRow(i, { ci: e.target.value })}
                />
              </label>
              <label>
                Attribute
                <input name={`key-${i}`} value={r.key} onChange={(e) => setRow(i, { key: e.target.value })} />
              </label>
              <label>
                New value
                <input name={`value-${i}`} value={r.value} onChange={(e) => setRow(i, { value: e.target.value })} />
              </label>
              <button
                type="button"
                className="btn btn-ghost"
                aria-label={`Remove line ${i + 1}`}
                onClick={() => setRows(rows.filter((_, j) => j !== i))}
              >
                Remove
              </button>
            </div>
          ))}
          <button type="button" className="btn" onClick={() => setRows([...rows, { ci: '', key: '', value: '' }])}>
            Add a line
          </button>
          <p className="muted small">
            Values are text, or numbers, true, false and null as written; null removes the attribute.{' '}
            {plan.cis.length > 0 &&
              `The plan sets ${plan.cis.map((c) => formatValue(`${String(c.class)}/${String(c.name)}`)).join(', ')}.`}
          </p>
        </Card>
        <PlanPreview plan={plan} />
        {missing && (
          <div className="field-error" role="alert">
            {missing}
          </div>
        )}
        <ErrorBox error={error} />
        <div className="action-buttons">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save as draft'}
          </button>
          <Link to="/changes" className="btn btn-ghost">
            Cancel
          </Link>
        </div>
      </form>
    </>
  );
}

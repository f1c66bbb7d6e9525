import { useState } from 'react';
import { stringify } from 'yaml';
import { client } from '../../client.js';
import { href, Link } from '../../app/router.js';
import { useMay } from '../../app/session.js';
import { useApi } from '../../ui/use-api.js';
import { Card, ErrorBox, Fields, Loading, PageHeader, Tag } from '../../ui/widgets.js';
import { useSubmit } from './use-submit.js';
import { parseYaml } from './yaml-editor.js';

interface RelationType {
  name: string;
  inverse?: string;
  impact?: string;
  description?: string;
}

/**
 * The class registry: every class (its parent, whether it is under change control, its attribute
 * schema) and relationship type. Configuration managers apply a classes.yaml document here.
 */
export function ClassesPage(props: { selected: string | undefined }) {
  const model = useApi(() => client.model.classes(), []);
  const mayEdit = useMay('model:write');
  const classes = model.data?.classes ?? [];
  const relationTypes = (model.data?.relationTypes ?? []) as unknown as RelationType[];
  if (model.loading && !model.data) return <Loading what="classes" />;
  return (
    <>
      <PageHeader
        title="Classes"
        subtitle="What kinds of CI exist, what their attributes must look like, and how relationships carry impact."
      />
      <ErrorBox error={model.error} />
      <div className="grid-main-side">
        <Card title={`Classes (${classes.length})`} flush>
          <table className="table" aria-label="Classes">
            <thead>
              <tr>
                <th>Class</th>
                <th>Parent</th>
                <th>Change control</th>
                <th>Description</th>
              </tr>
            </thead>
            <tbody>
              {classes.map((c) => (
                <tr key={c.name} className={c.name === props.selected ? 'selected' : undefined}>
                  <td className="strong">
                    <Link to={href('/admin/classes', { name: c.name })}>{c.name}</Link>
                  </td>
                  <td>{c.parent ?? <span className="muted">—</span>}</td>
                  <td>{c.controlled ? 'controlled' : <span className="muted">by policy</span>}</td>
                  <td>{c.description ?? <span className="muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
        <div>
          {props.selected && <ClassDetail name={props.selected} />}
          <Card title="Relationship types" flush>
            <table className="table" aria-label="Relationship types">
              <thead>
                <tr>
                  <th>Type</th>
                  <th>Inverse</th>
                  <th>Impact travels</th>
                </tr>
              </thead>
              <tbody>
                {relationTypes.map((t) => (
                  <tr key={t.name}>
                    <td className="strong">{t.name}</td>
                    <td>{t.inverse ?? '—'}</td>
                    <td>{impactWords(t.impact)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
          {mayEdit && <ApplyClasses onApplied={model.reload} />}
        </div>
      </div>
    </>
  );
}

const IMPACT_WORDS: Record<string, string> = {
  'target-to-source': 'from target to source',
  'source-to-target': 'from source to target',
  both: 'both ways',
};

function impactWords(impact: string | undefined): string {
  return impact ? (IMPACT_WORDS[impact] ?? impact) : 'none';
}

function ClassDetail(props: { name: string }) {
  const detail = useApi(() => client.model.getClass(props.name), [props.name]);
  const c = detail.data;
  return (
    <Card title={`Class ${props.name}`}>
      <ErrorBox error={detail.error} />
      {c && (
        <>
          <Fields
            items={[
              ['Lineage', c.lineage.join(' → ')],
              ['Statuses', c.statuses.map((s) => <Tag key={s}>{s}</Tag>)],
              ['Identified by', c.identify.length > 0 ? c.identify.join(', ') : 'name only'],
              ['Change control', c.controlled ? 'always' : 'as the policy says'],
            ]}
          />
          <h3 className="subhead">Attributes (JSON Schema)</h3>
          <pre className="code-block" tabIndex={0} aria-label={`Attribute schema of ${props.name}`}>
            {c.attributes ? stringify(c.attributes) : 'any attributes'}
          </pre>
          <Link to={href('/cis', { class: c.name })}>CIs of this class</Link>
        </>
      )}
    </Card>
  );
}

const EXAMPLE = `classes:
  - name: printer
    parent: hardware
    attributes:
      type: object
      properties:
        model: { type: string }
relationTypes: []
`;

function ApplyClasses(props: { onApplied: () => void }) {
  const [text, setText] = useState(EXAMPLE);
  const [done, setDone] = useState<string>();
  const submit = useSubmit();
  const parsed = parseYaml(text);
  const apply = () =>
    void submit.run(async () => {
      if ('error' in parsed) throw new Error(`Not valid YAML. ${parsed.error}`);
      const doc = (parsed.value ?? {}) as {
        classes?: Record<string, unknown>[];
        relationTypes?: Record<string, unknown>[];
      };
      const r = await client.model.apply(
        { classes: doc.classes, relationTypes: doc.relationTypes },
        'classes from the web UI',
      );
      setDone(r.revision ? `Applied as revision ${r.revision}.` : 'Nothing changed.');
      props.onApplied();
    });
  return (
    <Card title="Apply classes.yaml">
      <div className="form">
        <label>
          classes.yaml
          <textarea
            className="code-editor"
            spellCheck={false}
            rows={10}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setDone(undefined);
            }}
          />
        </label>
        <div role="status" aria-live="polite">
          {'error' in parsed && <div className="alert alert-error">Not valid YAML. {parsed.error}</div>}
          {done && <div className="alert alert-success">{done}</div>}
        </div>
        <ErrorBox error={submit.error} />
        <button type="button" className="btn btn-primary" onClick={apply} disabled={submit.busy || 'error' in parsed}>
          Apply classes
        </button>
        <p className="muted small">Defines or changes classes and relationship types as one revision.</p>
      </div>
    </Card>
  );
}

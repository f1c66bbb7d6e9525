import { useEffect, useState } from 'react';
import { stringify } from 'yaml';
import { client } from '../../client.js';
import { useMay } from '../../app/session.js';
import { formatTime } from '../../ui/format.js';
import { useApi } from '../../ui/use-api.js';
import { Card, ErrorBox, Loading, PageHeader } from '../../ui/widgets.js';
import { useSubmit } from './use-submit.js';
import { parseYaml, useYamlCheck, VerdictLine } from './yaml-editor.js';

/**
 * The approval policy as policy.yaml: who must approve what, change control, freeze and
 * maintenance windows, templates. Change managers edit it here, checked by the server as they type;
 * each applied document is a new, hash-chained version.
 */
export function PolicyPage() {
  const policy = useApi(() => client.policy.show(), []);
  const mayEdit = useMay('change:manage');
  const [text, setText] = useState<string>();
  const [applied, setApplied] = useState<string>();
  const apply = useSubmit();
  const current = policy.data ? stringify(policy.data.policy) : '';
  useEffect(() => setText(undefined), [current]);
  const editing = text !== undefined;
  const verdict = useYamlCheck(
    text ?? '',
    async (document) => {
      const r = await client.policy.check(document as Record<string, unknown>);
      const relax =
        r.leavingControl.length > 0
          ? ` It takes ${r.leavingControl.join(', ')} out of change control, which only an admin may do.`
          : '';
      return r.changed
        ? `Valid: applying it makes a new policy version.${relax}`
        : 'Valid, and the same as the policy in force.';
    },
    editing,
  );
  const save = () =>
    void apply.run(async () => {
      const parsed = parseYaml(text ?? '');
      if ('error' in parsed) throw new Error(`Not valid YAML. ${parsed.error}`);
      const r = await client.policy.apply(parsed.value as Record<string, unknown>);
      setApplied(
        r.changed ? `Policy version ${r.version} applied.` : 'Nothing changed: the policy in force is the same.',
      );
      policy.reload();
    });
  if (policy.loading && !policy.data) return <Loading what="the policy" />;
  return (
    <>
      <PageHeader
        title="Policy"
        subtitle="Which approvals a change needs, who may give them, which CIs are under change control, and the freeze and maintenance windows."
        actions={
          mayEdit &&
          !editing && (
            <button type="button" className="btn btn-primary" onClick={() => setText(current)}>
              Edit as YAML
            </button>
          )
        }
      />
      <ErrorBox error={policy.error} />
      {applied && (
        <div className="alert alert-success" role="status">
          {applied}
        </div>
      )}
      {policy.data && (
        <p className="muted">
          {policy.data.version === 0
            ? 'The built-in default policy: nobody has applied one yet.'
            : `Version ${policy.data.version}, applied ${formatTime(policy.data.appliedAt ?? undefined)} by ${policy.data.appliedBy ?? '—'}.`}
        </p>
      )}
      {editing ? (
        <Card title="Edit policy.yaml">
          <div className="form">
            <label>
              policy.yaml
              <textarea
                className="code-editor"
                spellCheck={false}
                rows={Math.min(40, Math.max(12, (text ?? '').split('\n').length + 2))}
                value={text}
                onChange={(e) => setText(e.target.value)}
              />
            </label>
            <VerdictLine verdict={verdict} />
            <ErrorBox error={apply.error} />
            <div className="toolbar-inline">
              <button
                type="button"
                className="btn btn-primary"
                onClick={save}
                disabled={apply.busy || verdict.kind === 'syntax' || verdict.kind === 'invalid'}
              >
                Apply policy
              </button>
              <button type="button" className="btn btn-ghost" onClick={() => setText(undefined)}>
                Cancel
              </button>
            </div>
          </div>
        </Card>
      ) : (
        <Card title="policy.yaml">
          <pre className="code-block" tabIndex={0} aria-label="The policy in force, as YAML">
            {current}
          </pre>
        </Card>
      )}
    </>
  );
}

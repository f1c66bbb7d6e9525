import { ProblemError } from '../../../../src/client/errors.js';
import { Link } from '../../app/router.js';
import { ciPath } from '../../ui/paths.js';
import { humanize } from '../../ui/format.js';
import { Card, ErrorBox, RiskBadge } from '../../ui/widgets.js';
import { PlanChangesTable } from './plan-changes-table.js';
import { RiskPanel } from './risk-panel.js';
import type { PreviewState } from './use-change-preview.js';

/** The fields the server named, one line each, so that the person finds what to mend. */
function FieldErrors(props: { error: Error | undefined }) {
  const { error } = props;
  if (!(error instanceof ProblemError) || error.errors.length === 0) return null;
  return (
    <ul className="field-errors small" aria-label="Fields to mend">
      {error.errors.map((e, i) => (
        <li key={i}>
          <span className="mono">{e.path}</span> {e.message}
        </li>
      ))}
    </ul>
  );
}

/** The conflicts of the window being picked, shown as it changes (freeze, maintenance, other changes). */
export function WindowConflicts(props: { preview: PreviewState; hasWindow: boolean }) {
  const conflicts = props.preview.result?.conflicts;
  if (!props.hasWindow || !conflicts) return null;
  return (
    <div aria-live="polite" className="small">
      {conflicts.length === 0 ? (
        <p className="muted">No conflict in this window.</p>
      ) : (
        <ul className="live-conflicts" aria-label="Conflicts in this window">
          {conflicts.map((c, i) => (
            <li key={i}>
              <span className="badge tone-warn">{humanize(c.kind)}</span> {c.message}
              {c.other && (
                <>
                  {' '}
                  <Link to={`/changes/${c.other}`}>{c.other}</Link>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** What saving a new plan does to an existing change and its approvals, as the server's replan rule says. */
export function ReplanNotice(props: { preview: PreviewState }) {
  const r = props.preview.result?.replan;
  if (!r) return null;
  const moves = r.from !== r.to;
  const voided =
    r.voided === 0
      ? ''
      : ` and voids ${r.voided === 1 ? 'the approval or rejection' : `the ${r.voided} approvals and rejections`} given so far`;
  return (
    <div className={`alert ${moves || r.voided > 0 ? 'alert-warn' : 'alert-info'}`} role="status">
      {moves
        ? `Saving this plan returns ${r.ref} from ${humanize(r.from).toLowerCase()} to ${humanize(r.to).toLowerCase()}${voided}: it must be submitted and approved again.`
        : `Saving this plan keeps ${r.ref} ${humanize(r.from).toLowerCase()}${voided || '; no approval is voided'}.`}
    </div>
  );
}

/**
 * The server's reading of the change as it is written: errors naming the field, the plan before →
 * after, what it impacts, its computed risk and the approvals that risk requires — all before it
 * is saved or submitted.
 */
export function ChangeChecks(props: { preview: PreviewState; yamlError?: string }) {
  const { result, error, checking } = props.preview;
  return (
    <>
      <Card title="Before → after" actions={checking && <span className="muted small">Checking…</span>}>
        {props.yamlError && (
          <div className="alert alert-error" role="alert">
            {props.yamlError}
          </div>
        )}
        <ErrorBox error={error} />
        <FieldErrors error={error} />
        {!result && !error && !props.yamlError && (
          <p className="muted small">Add a line to the plan to see what it changes.</p>
        )}
        {result && !props.yamlError && (
          <>
            <PlanChangesTable changes={result.planChanges} />
            <p className="small">
              Impact: {result.impact.impacted.length} CI{result.impact.impacted.length === 1 ? '' : 's'} affected
              {result.impact.impacted.length > 0 && ' ('}
              {result.impact.impacted.slice(0, 6).map((ref, i) => (
                <span key={ref}>
                  {i > 0 && ', '}
                  <Link to={ciPath(ref)}>{ref}</Link>
                </span>
              ))}
              {result.impact.impacted.length > 6 && ', …'}
              {result.impact.impacted.length > 0 && ')'}.
            </p>
          </>
        )}
      </Card>
      {result && !props.yamlError && (
        <>
          <RiskPanel risk={result.risk} />
          <Card
            title="Approvals it will need"
            actions={<RiskBadge level={result.risk.level} score={result.risk.score} />}
          >
            {result.required.length === 0 ? (
              <p className="muted small">No approval: the policy asks for none at this risk.</p>
            ) : (
              <ul className="groups">
                {result.required.map((r) => (
                  <li key={r.group}>
                    <strong>{r.group}</strong> <span className="muted small">{r.quorum} needed</span>
                    <div className="muted small">{r.because.join('; ')}</div>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </>
      )}
    </>
  );
}

import type { Change, ChangeView } from '../../types.js';
import { ciPath } from '../../ui/paths.js';
import { Link } from '../../app/router.js';
import { formatTime, humanize } from '../../ui/format.js';
import { Card, Empty, Fields, StateBadge } from '../../ui/widgets.js';
import { PlanChangesTable } from './plan-changes-table.js';

function Text(props: { value: string | undefined }) {
  return props.value ? <div className="prose">{props.value}</div> : <span className="muted">—</span>;
}

export function SummaryPanel(props: { change: Change }) {
  const c = props.change;
  return (
    <Card title="Summary">
      {c.description && <p className="lead">{c.description}</p>}
      <Fields
        items={[
          ['Type', `${humanize(c.type)}${c.template ? ` (template ${c.template})` : ''}`],
          ['Requester', c.requester],
          ['Assignee', c.assignee ?? '—'],
          ['Window', c.window ? `${formatTime(c.window.start)} – ${formatTime(c.window.end)}` : '—'],
          ['Justification', <Text value={c.justification} />],
          ['Category', c.category || '—'],
          ['Planned against', `revision ${c.baseRevision}`],
          ...(c.implementedRevision
            ? ([['Implemented as', `revision ${c.implementedRevision}`]] as [string, string][])
            : []),
          ...(c.review
            ? ([['Review', `${humanize(c.review.outcome)} — ${c.review.notes || 'no notes'} (${c.review.by})`]] as [
                string,
                string,
              ][])
            : []),
          ...(c.unauthorized
            ? ([['Unauthorized', `${c.unauthorized.reason} (${c.unauthorized.by})`]] as [string, string][])
            : []),
        ]}
      />
    </Card>
  );
}

/**
 * The plan old → new (defect 8: it showed only the new values), from the server's reading of it
 * against the state it was planned against; then the implementation, test and backout plans.
 */
export function PlansPanel(props: { view: ChangeView }) {
  const c = props.view.change;
  const changes = props.view.planChanges ?? [];
  return (
    <Card title="Plan">
      {changes.length === 0 ? <p className="muted">No CI changes.</p> : <PlanChangesTable changes={changes} />}
      <Fields
        items={[
          ['Implementation', <Text value={c.implementationPlan} />],
          ['Test', <Text value={c.testPlan} />],
          ['Backout', <Text value={c.backoutPlan} />],
        ]}
      />
    </Card>
  );
}

export function ImpactPanel(props: { change: Change }) {
  const impact = props.change.impact;
  if (!impact) return null;
  const list = (refs: string[]) =>
    refs.length === 0 ? (
      <span className="muted">none</span>
    ) : (
      refs.map((r) => (
        <Link key={r} to={ciPath(r)} className="chip">
          {r}
        </Link>
      ))
    );
  return (
    <Card title="Impact">
      <Fields
        items={[
          ['Touches', list(impact.touched)],
          ['Affects', list(impact.impacted)],
          ['Business services', list(impact.businessServices)],
          ['Environments', impact.environments.join(', ') || '—'],
        ]}
      />
    </Card>
  );
}

export function ApprovalsPanel(props: { view: ChangeView }) {
  const { view } = props;
  const { approvals } = view.change;
  return (
    <Card
      title="Approvals"
      actions={
        view.required.length > 0 && (
          <span
            className={
              view.approvalStatus.satisfied
                ? 'badge tone-ok'
                : view.approvalStatus.rejected
                  ? 'badge tone-bad'
                  : 'badge tone-warn'
            }
          >
            {view.approvalStatus.satisfied ? 'Satisfied' : view.approvalStatus.rejected ? 'Rejected' : 'Waiting'}
          </span>
        )
      }
    >
      {view.required.length === 0 ? (
        <p className="muted small">
          No approval needed
          {view.change.type === 'standard' ? ': a standard change is pre-approved by its template' : ''}.
        </p>
      ) : (
        <ul className="groups">
          {view.approvalStatus.groups.map((g) => (
            <li key={g.group}>
              <div className="group-head">
                <strong>{g.group}</strong>
                <span className="muted small">
                  {g.approvedBy.length}/{g.quorum} approved{g.missing > 0 ? ` · ${g.missing} missing` : ''}
                </span>
              </div>
              <div className="muted small">{view.required.find((r) => r.group === g.group)?.because.join('; ')}</div>
            </li>
          ))}
        </ul>
      )}
      {approvals.length > 0 && (
        <table className="table compact decisions" aria-label="Approval decisions">
          <tbody>
            {approvals.map((a, i) => (
              <tr key={i} className={a.voided ? 'voided' : ''}>
                <td className="decision-badge">
                  <span className={`badge ${a.decision === 'approve' ? 'tone-ok' : 'tone-bad'}`}>
                    {a.decision === 'approve' ? 'Approved' : 'Rejected'}
                  </span>
                </td>
                <td>
                  <strong>{a.by}</strong> <span className="muted">for {a.group}</span>
                  {a.comment && <div className="small">“{a.comment}”</div>}
                  <div className="muted small">{formatTime(a.at)}</div>
                  {a.voided && <div className="small warn-text">Voided: {a.voidedReason ?? 'plan changed'}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {view.approvalStatus.ignored.map((i, n) => (
        <div key={n} className="small muted">
          {i.by} ({i.group}) not counted: {i.reason}
        </div>
      ))}
    </Card>
  );
}

export function ConflictsPanel(props: { view: ChangeView }) {
  if (props.view.conflicts.length === 0) return null;
  return (
    <Card title={`Conflicts (${props.view.conflicts.length})`}>
      <ul className="conflicts">
        {props.view.conflicts.map((c, i) => (
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
    </Card>
  );
}

export function HistoryPanel(props: { change: Change }) {
  const entries = [...props.change.history].reverse();
  return (
    <Card title="History">
      {entries.length === 0 ? (
        <Empty>No transitions yet.</Empty>
      ) : (
        <ol className="timeline">
          {entries.map((h, i) => (
            <li key={i}>
              <div className="timeline-head">
                <StateBadge state={h.to} /> <span className="muted small">{formatTime(h.at)}</span>
              </div>
              <div className="small">
                {humanize(h.event)} by <strong>{h.by}</strong>
                {h.comment && <> — “{h.comment}”</>}
              </div>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

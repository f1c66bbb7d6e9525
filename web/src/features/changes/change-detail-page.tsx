import { useState } from 'react';
import { client } from '../../client.js';
import { Link } from '../../app/router.js';
import { humanize } from '../../ui/format.js';
import type { ChangeView } from '../../types.js';
import { useApi } from '../../ui/use-api.js';
import { ErrorBox, Loading, PageHeader, RiskBadge, StateBadge } from '../../ui/widgets.js';
import { ChangeActions } from './change-actions.js';
import { ChangeGraph } from './change-graph.js';
import {
  ApprovalsPanel,
  ConflictsPanel,
  HistoryPanel,
  ImpactPanel,
  PlansPanel,
  SummaryPanel,
} from './change-panels.js';
import { RiskPanel } from './risk-panel.js';

/**
 * The edits the server allows this user now (`allowedActions`): edit a draft; past draft, replan
 * its plan and reschedule its window (an authorized or scheduled change) — each a page of the form.
 */
function EditLinks(props: { view: ChangeView }) {
  const { change, allowedActions } = props.view;
  const path = `/changes/${change.ref}/edit`;
  return (
    <>
      {allowedActions.includes('edit') && (
        <Link to={path} className="btn">
          Edit draft
        </Link>
      )}
      {allowedActions.includes('replan') && change.state !== 'draft' && (
        <Link to={`${path}?what=plan`} className="btn">
          Replan
        </Link>
      )}
      {allowedActions.includes('reschedule') && (
        <Link to={`${path}?what=window`} className="btn">
          Reschedule
        </Link>
      )}
    </>
  );
}

/** One change: what it plans and affects, its risk, approvals, conflicts and history, and what you may do. */
export function ChangeDetailPage(props: { changeRef: string }) {
  const view = useApi(() => client.changes.show(props.changeRef), [props.changeRef]);
  const [notice, setNotice] = useState<string>();
  const v = view.data;
  const done = (message: string) => {
    setNotice(message);
    view.reload();
  };
  return (
    <>
      <PageHeader
        docTitle={v ? `${v.change.ref} ${v.change.title}` : props.changeRef}
        kicker={<Link to="/changes">Changes</Link>}
        title={
          v ? (
            <>
              <span className="ref">{v.change.ref}</span> {v.change.title}
            </>
          ) : (
            props.changeRef
          )
        }
        subtitle={
          v && (
            <span className="header-badges">
              <StateBadge state={v.change.state} />
              <span className="badge tone-neutral">{humanize(v.change.type)} change</span>
              <RiskBadge level={v.change.risk?.level} score={v.change.risk?.score} />
            </span>
          )
        }
        actions={v && <EditLinks view={v} />}
      />
      {notice && (
        <div className="alert alert-success" role="status">
          {notice}
        </div>
      )}
      <ErrorBox error={view.error} />
      {view.loading && !v && <Loading what="the change" />}
      {v && (
        <div className="change-layout">
          <div className="stack change-decide">
            <ChangeActions key={`${v.change.state}${v.change.updatedAt}`} view={v} onDone={done} />
            <ApprovalsPanel view={v} />
          </div>
          <div className="stack change-main">
            <SummaryPanel change={v.change} />
            <PlansPanel view={v} />
            <ImpactPanel change={v.change} />
            <ChangeGraph change={v.change} />
            <ConflictsPanel view={v} />
          </div>
          <div className="stack change-rest">
            <RiskPanel risk={v.change.risk} />
            <HistoryPanel change={v.change} />
          </div>
        </div>
      )}
    </>
  );
}

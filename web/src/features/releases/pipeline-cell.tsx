import type { PipelineView } from '../../../../src/contracts/pipeline.contracts.js';
import { Link } from '../../app/router.js';
import { client } from '../../client.js';
import { ago, humanize } from '../../ui/format.js';
import { DeployAction } from './deploy-action.js';
import { DecisionBadge, GateReasons } from './gate-lines.js';
import { releasePath } from './release-paths.js';

type Cell = PipelineView['services'][number]['cells'][number];

/**
 * One service in one environment: the release running there, a deployment under way or failed,
 * what comes next with the gates' answer, and the promote and rollback buttons for those whose
 * role deploys.
 */
export function PipelineCell(props: { service: string; cell: Cell; mayDeploy: boolean; onDone: (n: string) => void }) {
  const { service, cell, mayDeploy, onDone } = props;
  const { current, attempt, next, rollback } = cell;
  return (
    <div className="pipe-cell">
      {current ? (
        <div className="pipe-current">
          <Link to={releasePath(service, current.version)} className="pipe-version">
            {current.version}
          </Link>
          {current.kind === 'rollback' && <span className="badge tone-warn">Rolled back</span>}
          <div className="muted small">
            {current.by} · {ago(current.finishedAt ?? current.startedAt)}
          </div>
        </div>
      ) : (
        <div className="muted small">Nothing deployed</div>
      )}
      {attempt && (
        <div className="small">
          <span className={`badge tone-${attempt.state === 'failed' ? 'bad' : 'info'}`}>{humanize(attempt.state)}</span>{' '}
          <Link to={releasePath(service, attempt.version)}>{attempt.version}</Link>
          {attempt.note && <div className="muted small">{attempt.note}</div>}
        </div>
      )}
      {next && (
        <div className="pipe-next">
          <div className="small">
            Next: <Link to={releasePath(service, next.version)}>{next.version}</Link>{' '}
            <DecisionBadge decision={next.answer.decision} />
          </div>
          <GateReasons answer={next.answer} />
          {mayDeploy && next.state === 'approved' && (
            <DeployAction
              verb="Promote"
              what={`Promote ${service} ${next.version} into ${cell.environment}`}
              allowed={next.answer.decision === 'allow'}
              act={() => client.deployments.promote(service, next.version, { environment: cell.environment })}
              onDone={onDone}
            />
          )}
        </div>
      )}
      {rollback && mayDeploy && (
        <div className="pipe-rollback">
          <div className="small">
            Before: <Link to={releasePath(service, rollback.version)}>{rollback.version}</Link>{' '}
            {rollback.answer.decision === 'deny' && <DecisionBadge decision="deny" />}
          </div>
          <GateReasons answer={rollback.answer} />
          <DeployAction
            verb="Roll back"
            what={`Roll back ${service} in ${cell.environment} to ${rollback.version}`}
            allowed={rollback.answer.decision === 'allow'}
            act={() => client.deployments.rollback({ service, environment: cell.environment })}
            onDone={onDone}
          />
        </div>
      )}
    </div>
  );
}

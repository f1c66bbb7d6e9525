import type { DeploymentView } from '../../../../src/contracts/deployment.contracts.js';
import type { ReleaseView } from '../../../../src/contracts/release.contracts.js';
import { useMay } from '../../app/session.js';
import { client } from '../../client.js';
import { formatTime } from '../../ui/format.js';
import { useApi } from '../../ui/use-api.js';
import { Card, ErrorBox, Loading } from '../../ui/widgets.js';
import { DeployAction } from './deploy-action.js';
import { DecisionBadge, GateReasons } from './gate-lines.js';

/** The environments in promotion order, each with the gates' answer for promoting this release there now. */
async function gatesByEnvironment(release: ReleaseView) {
  const { environments } = await client.environments.list();
  return Promise.all(
    environments.map(async (e) => ({
      environment: e,
      answer: await client.deployments.gates(release.service, release.version, e.name),
    })),
  );
}

/**
 * Promotion of the release: for each environment, whether it runs there, the gates' answer with
 * each failing gate in a line, and the buttons the user's roles open — promote (for those who
 * deploy, once the release is approved) and approve the promotion (for an environment whose
 * approvals gate waits, for those who may give one).
 */
export function ReleasePromotion(props: {
  release: ReleaseView;
  deployments: DeploymentView[];
  /** Changes when anything was done on the page, so the answers are asked again. */
  version: number;
  onDone: (notice: string) => void;
}) {
  const { release, deployments, onDone } = props;
  const loaded = useApi(() => gatesByEnvironment(release), [release.state, props.version]);
  const mayDeploy = useMay('release:deploy');
  const mayApprove = useMay('promotion:approve');
  const deployedIn = (env: string) =>
    deployments.find((d) => d.environment === env && d.state === 'succeeded' && d.kind === 'promotion');
  return (
    <Card title="Promotion" flush>
      <ErrorBox error={loaded.error} />
      {!loaded.data ? (
        <Loading what="the gates" />
      ) : (
        <table className="table" aria-label="Promotion by environment">
          <thead>
            <tr>
              <th scope="col">Environment</th>
              <th scope="col">Deployed</th>
              <th scope="col">Gates now</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {loaded.data.map(({ environment: e, answer }) => {
              const here = deployedIn(e.name);
              const approvalsWait = answer.gates.some((g) => g.gate === 'approvals' && !g.passed);
              return (
                <tr key={e.name}>
                  <th scope="row">
                    {e.name}
                    {e.controlled && <div className="muted small">under change control</div>}
                  </th>
                  <td className="when">{here ? formatTime(here.finishedAt ?? here.startedAt) : '—'}</td>
                  <td aria-label={`Gates for ${e.name}`}>
                    <DecisionBadge decision={answer.decision} />
                    <GateReasons answer={answer} />
                  </td>
                  <td className="right">
                    <div className="action-buttons">
                      {mayDeploy && release.state === 'approved' && !here && (
                        <DeployAction
                          verb="Promote"
                          what={`Promote ${release.service} ${release.version} into ${e.name}`}
                          allowed={answer.decision === 'allow'}
                          act={() =>
                            client.deployments.promote(release.service, release.version, { environment: e.name })
                          }
                          onDone={onDone}
                        />
                      )}
                      {mayApprove && approvalsWait && (
                        <DeployAction
                          verb="Approve promotion"
                          what={`Approve promoting ${release.service} ${release.version} into ${e.name}`}
                          allowed
                          act={() =>
                            client.deployments.approve(release.service, release.version, { environment: e.name })
                          }
                          onDone={onDone}
                        />
                      )}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </Card>
  );
}

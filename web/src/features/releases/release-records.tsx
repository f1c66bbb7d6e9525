import type { DeploymentView } from '../../../../src/contracts/deployment.contracts.js';
import type { ReleaseView } from '../../../../src/contracts/release.contracts.js';
import { ProblemError } from '../../../../src/client/errors.js';
import { Link } from '../../app/router.js';
import { client } from '../../client.js';
import { formatTime, humanize } from '../../ui/format.js';
import { useApi } from '../../ui/use-api.js';
import { Card, Empty, StateBadge } from '../../ui/widgets.js';

/** What the release ships: each artifact with its digest, where it is kept, and how many dependencies it declares. */
export function ReleaseArtifacts(props: { release: ReleaseView }) {
  const { artifacts } = props.release;
  return (
    <Card title="Artifacts" flush>
      {artifacts.length === 0 ? (
        <Empty>The release lists no artifacts.</Empty>
      ) : (
        <table className="table" aria-label="Artifacts">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Digest</th>
              <th scope="col">Location</th>
              <th scope="col" className="num">
                Dependencies
              </th>
            </tr>
          </thead>
          <tbody>
            {artifacts.map((a) => (
              <tr key={`${a.name}@${a.digest}`}>
                <td>{a.name}</td>
                <td className="mono small break">{a.digest}</td>
                <td className="mono small break">{a.location}</td>
                <td className="num">{a.dependencies?.length ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}

/** Every deployment of the release, newest first: where, promotion or rollback, result, who, and the change that authorized it. */
export function ReleaseDeployments(props: { deployments: DeploymentView[] }) {
  // Columns nobody filled in are left out: the table fits beside the side column.
  const changes = props.deployments.some((d) => d.change);
  const notes = props.deployments.some((d) => d.note);
  return (
    <Card title="Deployments" flush>
      {props.deployments.length === 0 ? (
        <Empty>Not deployed anywhere yet.</Empty>
      ) : (
        <table className="table" aria-label="Deployments">
          <thead>
            <tr>
              <th scope="col">Environment</th>
              <th scope="col">Kind</th>
              <th scope="col">Result</th>
              <th scope="col">By</th>
              <th scope="col">Started</th>
              {changes && <th scope="col">Change</th>}
              {notes && <th scope="col">Note</th>}
            </tr>
          </thead>
          <tbody>
            {props.deployments.map((d) => (
              <tr key={d.id}>
                <td>{d.environment}</td>
                <td>
                  {humanize(d.kind)}
                  {d.rollbackOf && <div className="muted small">from {d.rollbackOf}</div>}
                  {d.emergency && <div className="warn-text small">emergency: {d.emergency}</div>}
                </td>
                <td>
                  <StateBadge state={d.state} />
                </td>
                <td>
                  {d.by}
                  {d.pipeline && <div className="muted small">{d.pipeline}</div>}
                </td>
                <td className="when nowrap">{formatTime(d.startedAt)}</td>
                {changes && <td>{d.change ? <Link to={`/changes/${d.change}`}>{d.change}</Link> : '—'}</td>}
                {notes && <td className="text-col">{d.note ?? ''}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}

/** The incidents traced to the release's deployments; null when the user may not read them. */
async function incidentsOf(release: ReleaseView) {
  try {
    return (await client.incidents.list({ release: `${release.service}@${release.version}` })).items;
  } catch (e) {
    if (e instanceof ProblemError && e.status === 403) return null;
    throw e;
  }
}

/** Incidents the release caused, from `GET /api/v1/incidents`; the section is left out for those who may not read incidents. */
export function ReleaseIncidents(props: { release: ReleaseView; deployments: DeploymentView[] }) {
  const key = props.deployments.map((d) => d.id).join(',');
  const loaded = useApi(() => incidentsOf(props.release), [props.release.id, key]);
  if (loaded.data === null || (loaded.data === undefined && !loaded.error)) return null;
  return (
    <Card title="Incidents" flush>
      {loaded.error ? (
        <Empty>The incidents could not be read: {loaded.error.message}</Empty>
      ) : loaded.data!.length === 0 ? (
        <Empty>No incident is traced to this release’s deployments.</Empty>
      ) : (
        <table className="table" aria-label="Incidents">
          <thead>
            <tr>
              <th scope="col">Incident</th>
              <th scope="col">Severity</th>
              <th scope="col">Started</th>
              <th scope="col">Ended</th>
              <th scope="col">Ticket</th>
            </tr>
          </thead>
          <tbody>
            {loaded.data!.map((i) => (
              <tr key={i.id}>
                <td className="text-col">
                  {i.id} · {i.title}
                </td>
                <td>{humanize(i.severity)}</td>
                <td className="when">{formatTime(i.startedAt)}</td>
                <td className="when">{i.endedAt ? formatTime(i.endedAt) : 'open'}</td>
                <td>{i.ticket ? i.ticket.url ? <a href={i.ticket.url}>{i.ticket.key}</a> : i.ticket.key : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}

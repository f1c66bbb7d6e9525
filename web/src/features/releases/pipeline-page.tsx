import { useState } from 'react';
import { useMay } from '../../app/session.js';
import { Link } from '../../app/router.js';
import { client } from '../../client.js';
import { useApi } from '../../ui/use-api.js';
import { Card, ErrorBox, Listing, PageHeader, StateBadge } from '../../ui/widgets.js';
import { ciPath } from '../../ui/paths.js';
import { PipelineCell } from './pipeline-cell.js';
import { releasePath } from './release-paths.js';
import './releases.css';

/**
 * The release pipeline: services × environments, the release deployed in each, and what may move
 * next with the gates' answer now (`GET /api/v1/releases/pipeline`). Promote and rollback buttons
 * are offered to the roles that deploy; the server answers for the gates either way.
 */
export function PipelinePage() {
  const loaded = useApi(() => client.pipeline(), []);
  const mayDeploy = useMay('release:deploy');
  const [notice, setNotice] = useState<string>();
  const view = loaded.data;
  const done = (n: string) => {
    setNotice(n);
    loaded.reload();
  };
  return (
    <>
      <PageHeader
        title="Releases"
        subtitle="Each service’s release in each environment, in promotion order, and what the gates say about the next step."
      />
      {notice && (
        <div className="alert alert-success" role="status">
          {notice}
        </div>
      )}
      <ErrorBox error={loaded.error} />
      <Card flush>
        <Listing
          loaded={loaded}
          count={view?.services.length ?? 0}
          what="the pipeline"
          empty="No releases yet: propose one with `cairn release create` or POST /api/v1/releases."
        >
          {view && (
            <table className="table pipeline-table" aria-label="Release pipeline">
              <thead>
                <tr>
                  <th scope="col">Service</th>
                  {view.environments.map((e) => (
                    <th key={e.name} scope="col">
                      {e.name}
                      {e.controlled && <span className="pipe-env-note">under change control</span>}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {view.services.map((row) => (
                  <tr key={row.service}>
                    <th scope="row" className="pipe-service">
                      <Link to={ciPath(row.service)}>
                        {/* A narrow column breaks the name after its class, not inside a word. */}
                        {row.service.slice(0, row.service.indexOf('/') + 1)}
                        <wbr />
                        {row.service.slice(row.service.indexOf('/') + 1)}
                      </Link>
                      <div className="small">
                        Newest <Link to={releasePath(row.service, row.newest.version)}>{row.newest.version}</Link>{' '}
                        <StateBadge state={row.newest.state} />
                      </div>
                    </th>
                    {row.cells.map((cell) => (
                      <td key={cell.environment} aria-label={`${row.service} in ${cell.environment}`}>
                        <PipelineCell service={row.service} cell={cell} mayDeploy={mayDeploy} onDone={done} />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Listing>
      </Card>
    </>
  );
}

import { client } from '../../client.js';
import { ciPath } from '../../ui/paths.js';
import { relationWords } from '../../ui/format.js';
import { Link } from '../../app/router.js';
import { useApi } from '../../ui/use-api.js';
import { Card, ErrorBox, Listing } from '../../ui/widgets.js';

/**
 * What a change to this CI would affect, with each CI's depth and one shortest path, each step
 * read from this CI outwards: "— used by → cart" where cart depends on this CI.
 */
export function CiImpact(props: { ciRef: string; at: string | undefined }) {
  const impact = useApi(() => client.cmdb.impact([props.ciRef], { depth: 6, at: props.at }), [props.ciRef, props.at]);
  const rows = impact.data?.impacted ?? [];
  return (
    <Card
      title={`Impact${impact.data ? ` — ${impact.data.count} CI${impact.data.count === 1 ? '' : 's'} affected` : ''}`}
      flush
      className="impact-card"
    >
      <ErrorBox error={impact.error} />
      <Listing loaded={impact} count={rows.length} empty="A change to this CI affects no other CI.">
        <table className="table" aria-label="Impact">
          <thead>
            <tr>
              <th>CI</th>
              <th className="num">Depth</th>
              <th>Path</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((i) => (
              <tr key={i.ref}>
                <td>
                  <Link to={ciPath(i.ref)}>{i.ref}</Link>
                </td>
                <td className="num">{i.depth}</td>
                <td className="path">
                  {i.path.slice(1).map((step, n) => (
                    <span key={step}>
                      <span className="path-via" title={i.via[n]}>
                        {relationWords(i.readAs[n] ?? i.via[n] ?? '')}
                      </span>
                      <span className="path-node">{step.slice(step.indexOf('/') + 1)}</span>
                    </span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Listing>
    </Card>
  );
}

import { client } from '../../client.js';
import { ciPath } from '../../ui/paths.js';
import { relationWords } from '../../ui/format.js';
import { href, Link } from '../../app/router.js';
import { useApi } from '../../ui/use-api.js';
import { Card, ErrorBox, Listing } from '../../ui/widgets.js';

/** Relationships in both directions, read from this CI: "runs on linux_server/db-01", "used by service/cart". */
export function CiRelations(props: { ciRef: string; at: string | undefined }) {
  const rels = useApi(() => client.cmdb.relationsOf(props.ciRef, props.at), [props.ciRef, props.at]);
  const items = [...(rels.data ?? [])].sort(
    (a, b) => Number(a.from !== props.ciRef) - Number(b.from !== props.ciRef) || a.type.localeCompare(b.type),
  );
  return (
    <Card title={`Relationships${rels.data ? ` (${rels.data.length})` : ''}`} flush>
      <ErrorBox error={rels.error} />
      <Listing loaded={rels} count={items.length} empty="No relationships.">
        <table className="table" aria-label="Relationships">
          <thead>
            <tr>
              <th>This CI</th>
              <th>Other CI</th>
              <th className="num">Rev</th>
            </tr>
          </thead>
          <tbody>
            {items.map((r) => {
              const outgoing = r.from === props.ciRef;
              const other = outgoing ? r.to : r.from;
              return (
                <tr key={r.id}>
                  <td title={outgoing ? r.type : `${r.type} (from the other CI)`}>
                    {relationWords(outgoing ? r.type : r.inverse)}
                  </td>
                  <td>
                    <Link to={href(ciPath(other), { at: props.at })}>{other}</Link>
                  </td>
                  <td className="num mono">{r.revision}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </Listing>
    </Card>
  );
}

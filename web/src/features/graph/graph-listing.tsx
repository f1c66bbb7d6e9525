import type { Neighbourhood } from '../../../../src/contracts/graph.contracts.js';
import { Link } from '../../app/router.js';
import { ciPath } from '../../ui/paths.js';

/**
 * The graph's CIs as a list of links, nearest first, impacted ones said in words: what the
 * drawing shows, for a keyboard or a screen reader (a canvas is one image to them).
 */
export function GraphListing(props: { graph: Neighbourhood }) {
  const byDepth = new Map<number, Neighbourhood['nodes']>();
  for (const n of props.graph.nodes) byDepth.set(n.depth, [...(byDepth.get(n.depth) ?? []), n]);
  return (
    <details className="graph-listing">
      <summary>The {props.graph.nodes.length} CIs as a list</summary>
      {[...byDepth].map(([depth, nodes]) => (
        <section key={depth}>
          <h3 className="small">
            {depth === 0 ? 'Shown around' : `${depth} relationship${depth === 1 ? '' : 's'} away`} ({nodes.length})
          </h3>
          <ul>
            {nodes.map((n) => (
              <li key={n.ref}>
                <Link to={ciPath(n.ref)}>{n.ref}</Link>
                {n.impacted && <span className="graph-impacted-word"> — impacted</span>}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </details>
  );
}

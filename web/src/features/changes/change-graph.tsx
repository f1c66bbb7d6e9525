import { href, navigate, useLocation } from '../../app/router.js';
import type { Change } from '../../types.js';
import { LazyDependencyGraph } from '../graph/lazy-dependency-graph.js';
import { PointSelect, type NamedPoint } from '../history/point-select.js';

/** The points in history a change is about: planned against, just before and after it, after its backout. */
function changePoints(c: Change): NamedPoint[] {
  const points: NamedPoint[] = [{ value: String(c.baseRevision), label: `r${c.baseRevision} · when planned` }];
  const rev = c.implementedRevision;
  if (rev !== undefined) {
    if (rev - 1 !== c.baseRevision) points.push({ value: String(rev - 1), label: `r${rev - 1} · just before it` });
    points.push({ value: String(rev), label: `r${rev} · right after it` });
  }
  if (c.backoutRevision !== undefined)
    points.push({ value: String(c.backoutRevision), label: `r${c.backoutRevision} · after its backout` });
  return points;
}

/**
 * The dependency graph of what a change touches, as of now or of a point chosen in its header
 * (kept in the address as `?at=`, as on the CI page), so the neighbourhood before the change can be
 * compared with the one after it.
 */
export function ChangeGraph(props: { change: Change }) {
  const { query, path } = useLocation();
  const at = query.get('at') ?? undefined;
  const touched = props.change.impact?.touched ?? [];
  if (touched.length === 0) return null;
  const setAt = (value: string | undefined) => navigate(href(path, { at: value }), { replace: true });
  return (
    <LazyDependencyGraph
      roots={touched}
      at={at}
      title="Dependency graph of what it touches"
      actions={
        <PointSelect
          label="As of"
          name="graph-at"
          value={at}
          onChange={setAt}
          named={{ title: `This change`, points: changePoints(props.change) }}
        />
      }
    />
  );
}

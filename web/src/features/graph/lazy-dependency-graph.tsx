import { lazy, Suspense, type ComponentProps } from 'react';
import { Loading } from '../../ui/widgets.js';

// Cytoscape is a large library that only the CI and change pages draw with: it is fetched as its
// own chunk when a graph is first shown, so the main bundle stays small.
const Graph = lazy(() => import('./dependency-graph.js').then((m) => ({ default: m.DependencyGraph })));

/** The dependency graph, loaded on first use (see `DependencyGraph`). */
export function LazyDependencyGraph(props: ComponentProps<typeof Graph>) {
  return (
    <Suspense fallback={<Loading what="the graph" />}>
      <Graph {...props} />
    </Suspense>
  );
}

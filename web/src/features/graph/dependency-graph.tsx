import { useEffect, useRef, useState } from 'react';
import cytoscape from 'cytoscape';
import { client } from '../../client.js';
import { navigate } from '../../app/router.js';
import { ciPath } from '../../ui/paths.js';
import { useApi } from '../../ui/use-api.js';
import { Card, ErrorBox, Loading } from '../../ui/widgets.js';
import { loadNeighbourhood } from './neighbourhood.js';
import './graph.css';

/**
 * The dependency graph around one or more CIs (Cytoscape.js): their neighbourhood to a chosen
 * depth as of `at`, what a change to them impacts highlighted, each CI a click away. Rings by
 * distance keep a few hundred CIs readable.
 */
export function DependencyGraph(props: { roots: string[]; at?: string; title?: string }) {
  const [depth, setDepth] = useState(2);
  const root = props.roots[0] ?? '';
  const key = props.roots.join(',');
  const data = useApi(async () => {
    const parts = await Promise.all(props.roots.map((r) => loadNeighbourhood(r, depth, props.at)));
    const impact = await client.cmdb.impact(props.roots, { depth: 6, at: props.at });
    return { parts, impacted: new Set(impact.impacted.map((i) => i.ref)) };
  }, [key, depth, props.at]);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!data.data || !box.current) return;
    const nodes = new Map<string, number>();
    const edges = new Map<string, { id: string; type: string; from: string; to: string }>();
    for (const p of data.data.parts) {
      for (const n of p.nodes) nodes.set(n.ref, Math.min(n.depth, nodes.get(n.ref) ?? Infinity));
      for (const e of p.edges) edges.set(e.id, e);
    }
    const roots = new Set(props.roots);
    const cy = cytoscape({
      container: box.current,
      elements: [
        ...[...nodes].map(([ref, d]) => ({
          data: { id: ref, label: ref, depth: d },
          classes: roots.has(ref) ? 'root' : data.data!.impacted.has(ref) ? 'impacted' : '',
        })),
        ...[...edges.values()].map((e) => ({ data: { id: `e:${e.id}`, source: e.from, target: e.to, label: e.type } })),
      ],
      layout: {
        name: 'concentric',
        concentric: (n: cytoscape.NodeSingular) => 100 - Number(n.data('depth')),
        levelWidth: () => 1,
        minNodeSpacing: 12,
        animate: false,
      },
      style: GRAPH_STYLE,
      wheelSensitivity: 0.3,
    });
    cy.on('tap', 'node', (e) => navigate(ciPath((e.target as cytoscape.NodeSingular).id())));
    return () => cy.destroy();
  }, [data.data, key]);
  const count = data.data ? new Set(data.data.parts.flatMap((p) => p.nodes.map((n) => n.ref))).size : 0;
  const cut = data.data?.parts.some((p) => p.cut) ?? false;
  return (
    <Card
      title={props.title ?? 'Dependency graph'}
      className="graph-card"
      actions={
        <label className="inline-field graph-depth">
          <span>Depth</span>
          <select value={depth} onChange={(e) => setDepth(Number(e.target.value))}>
            {[1, 2, 3, 4].map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </label>
      }
    >
      <ErrorBox error={data.error} />
      {data.loading && !data.data && <Loading what="the graph" />}
      <p className="small graph-legend">
        {count} CI{count === 1 ? '' : 's'} within {depth} relationship{depth === 1 ? '' : 's'} of {root}
        {props.roots.length > 1 ? ` and ${props.roots.length - 1} more` : ''}
        {props.at ? ` as of ${props.at}` : ''}
        {cut ? ' (cut at 400 CIs)' : ''}. <span className="graph-key graph-key-impacted" /> impacted by a change to it.
        Click a CI to open it.
      </p>
      <div
        ref={box}
        className="graph-canvas"
        role="img"
        aria-label={`Dependency graph of ${count} CIs around ${root}`}
      />
    </Card>
  );
}

const GRAPH_STYLE: cytoscape.StylesheetJson = [
  {
    selector: 'node',
    style: {
      label: 'data(label)',
      'font-size': 9,
      color: '#1c2330',
      'text-valign': 'bottom',
      'text-margin-y': 3,
      width: 12,
      height: 12,
      'background-color': '#8a94a6',
    },
  },
  { selector: 'node.impacted', style: { 'background-color': '#b42318', width: 14, height: 14 } },
  {
    selector: 'node.root',
    style: { 'background-color': '#1f5fbf', width: 20, height: 20, 'font-size': 11, 'font-weight': 'bold' },
  },
  {
    selector: 'edge',
    style: {
      width: 1,
      'line-color': '#cfd4dc',
      'target-arrow-color': '#cfd4dc',
      'target-arrow-shape': 'triangle',
      'arrow-scale': 0.6,
      'curve-style': 'straight',
    },
  },
];

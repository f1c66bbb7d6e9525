import { useEffect, useRef, useState, type ReactNode } from 'react';
import cytoscape from 'cytoscape';
import type { Neighbourhood } from '../../../../src/contracts/graph.contracts.js';
import { client } from '../../client.js';
import { navigate } from '../../app/router.js';
import { ciPath } from '../../ui/paths.js';
import { useApi } from '../../ui/use-api.js';
import { Card, ErrorBox, Loading } from '../../ui/widgets.js';
import { DENSE, graphElements, graphStyle, themeColours } from './graph-elements.js';
import { GraphListing } from './graph-listing.js';
import './graph.css';

/**
 * The dependency graph around one or more CIs (Cytoscape.js): their neighbourhood to a chosen
 * depth as of `at`, answered by the server in one request, what a change to them impacts
 * highlighted, each CI a click away. Rings by distance keep a few hundred CIs apart; in a dense
 * graph names appear on zoom or when a CI is pointed at.
 */
export function DependencyGraph(props: {
  roots: string[];
  at?: string;
  title?: string;
  /** More controls in the card's header, before Fit and Depth (the change page's "As of"). */
  actions?: ReactNode;
}) {
  const [depth, setDepth] = useState(2);
  const key = props.roots.join(',');
  const data = useApi(() => client.cmdb.neighbourhood(props.roots, { depth, at: props.at }), [key, depth, props.at]);
  const box = useRef<HTMLDivElement>(null);
  const cyRef = useRef<cytoscape.Core | undefined>(undefined);
  useEffect(() => {
    if (!data.data || !box.current) return;
    const cy = drawGraph(box.current, data.data);
    cyRef.current = cy;
    return () => {
      cyRef.current = undefined;
      cy.destroy();
    };
  }, [data.data]);
  const g = data.data;
  return (
    <Card
      title={props.title ?? 'Dependency graph'}
      className="graph-card"
      actions={
        <div className="graph-actions">
          {props.actions}
          <button type="button" className="btn btn-small" onClick={() => cyRef.current?.fit(undefined, 20)}>
            Fit
          </button>
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
        </div>
      }
    >
      <ErrorBox error={data.error} />
      {data.loading && !g && <Loading what="the graph" />}
      {g && <GraphLegend graph={g} at={props.at} />}
      <div
        ref={box}
        className="graph-canvas"
        role="img"
        aria-label={g ? `Dependency graph of ${g.nodes.length} CIs around ${describeRoots(g)}` : 'Dependency graph'}
      />
      {g && <GraphListing graph={g} />}
    </Card>
  );
}

function GraphLegend(props: { graph: Neighbourhood; at?: string }) {
  const g = props.graph;
  const count = g.nodes.length;
  return (
    <p className="small graph-legend">
      {count} CI{count === 1 ? '' : 's'} within {g.depth} relationship{g.depth === 1 ? '' : 's'} of {describeRoots(g)}
      {props.at ? ` as of ${props.at}` : ''}
      {g.truncated ? ` (cut at ${g.limit} CIs: the nearest are shown)` : ''}.{' '}
      {g.missing.length > 0 && `Not in the CMDB${props.at ? ' then' : ' now'}: ${g.missing.join(', ')}. `}
      <span className="graph-key graph-key-root" /> shown around <span className="graph-key graph-key-impacted" />{' '}
      impacted by a change to it. {count > DENSE ? 'Zoom in or point at a CI to read names; click' : 'Click'} a CI to
      open it.
    </p>
  );
}

function describeRoots(g: Neighbourhood): string {
  const [first] = g.roots;
  if (first === undefined) return 'nothing';
  return g.roots.length > 1 ? `${first} and ${g.roots.length - 1} more` : first;
}

/** Draws the graph into `container`; pointing at a CI brings its relationships forward and fades the rest. */
function drawGraph(container: HTMLElement, g: Neighbourhood): cytoscape.Core {
  const dense = g.nodes.length > DENSE;
  const cy = cytoscape({
    container,
    elements: graphElements(g),
    layout: {
      name: 'concentric',
      concentric: (n: cytoscape.NodeSingular) => 100 - Number(n.data('depth')),
      levelWidth: () => 1,
      minNodeSpacing: dense ? 6 : 28,
      spacingFactor: dense ? 1 : 1.2,
      avoidOverlap: true,
      animate: false,
    },
    style: graphStyle(themeColours(container), dense),
    wheelSensitivity: 0.3,
    minZoom: 0.1,
    maxZoom: 4,
  });
  cy.on('tap', 'node', (e) => navigate(ciPath((e.target as cytoscape.NodeSingular).id())));
  cy.on('mouseover', 'node', (e) => {
    const node = e.target as cytoscape.NodeSingular;
    const near = node.closedNeighborhood();
    cy.elements().difference(near).addClass('faded');
    near.addClass('hover');
    container.style.cursor = 'pointer';
  });
  cy.on('mouseout', 'node', () => {
    cy.elements().removeClass('faded hover');
    container.style.cursor = '';
  });
  return cy;
}

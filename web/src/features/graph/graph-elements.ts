import type cytoscape from 'cytoscape';
import type { Neighbourhood } from '../../../../src/contracts/graph.contracts.js';

/** Past this many CIs the graph is dense: names are drawn only when zoomed in or pointed at. */
export const DENSE = 40;

/**
 * A neighbourhood as Cytoscape elements: each CI named by its name (its class is in the listing
 * and on hover), the roots and what a change to them impacts marked, and the relationships between
 * two marked CIs marked too so the impact reads as a path.
 */
export function graphElements(n: Neighbourhood): cytoscape.ElementDefinition[] {
  const roots = new Set(n.roots);
  const marked = new Set([...n.roots, ...n.nodes.filter((x) => x.impacted).map((x) => x.ref)]);
  return [
    ...n.nodes.map((x) => ({
      data: { id: x.ref, label: x.ref.slice(x.class.length + 1), ref: x.ref, depth: x.depth },
      classes: roots.has(x.ref) ? 'root' : x.impacted ? 'impacted' : '',
    })),
    ...n.edges.map((e) => ({
      data: { id: `${e.type} ${e.from} ${e.to}`, source: e.from, target: e.to, label: e.type.replaceAll('_', ' ') },
      classes: marked.has(e.from) && marked.has(e.to) ? 'impact' : '',
    })),
  ];
}

/** The colours of the page's theme (light or dark), read from its custom properties. */
export interface GraphColours {
  text: string;
  muted: string;
  line: string;
  surface: string;
  accent: string;
  bad: string;
}

export function themeColours(el: Element): GraphColours {
  const css = getComputedStyle(el);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    text: v('--text', '#1c2330'),
    muted: v('--text-2', '#4a5363'),
    line: v('--border', '#cfd4dc'),
    surface: v('--surface', '#ffffff'),
    accent: v('--accent', '#1f5fbf'),
    bad: v('--bad', '#b42318'),
  };
}

/**
 * Small names on a light backing so they stay readable where they cross lines; in a dense graph
 * Cytoscape hides a name until the zoom makes it at least `min-zoomed-font-size` pixels high, and
 * a CI pointed at (class `hover`) shows its full name and its relationships' names, whatever the zoom.
 */
export function graphStyle(c: GraphColours, dense: boolean): cytoscape.StylesheetJson {
  const label = {
    color: c.text,
    'text-background-color': c.surface,
    'text-background-opacity': 0.85,
    'text-background-padding': '1px',
  };
  return [
    {
      selector: 'node',
      style: {
        ...label,
        label: 'data(label)',
        'font-size': dense ? 7 : 9,
        'min-zoomed-font-size': dense ? 9 : 0,
        'text-valign': 'bottom',
        'text-margin-y': 2,
        width: dense ? 8 : 12,
        height: dense ? 8 : 12,
        'background-color': c.muted,
      },
    },
    {
      selector: 'node.impacted',
      style: { 'background-color': c.bad, width: dense ? 10 : 14, height: dense ? 10 : 14 },
    },
    {
      selector: 'node.root',
      style: {
        'background-color': c.accent,
        width: 18,
        height: 18,
        'font-size': 11,
        'font-weight': 'bold',
        'min-zoomed-font-size': 0,
      },
    },
    {
      selector: 'edge',
      style: {
        ...label,
        width: 1,
        'line-color': c.line,
        'target-arrow-color': c.line,
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.6,
        'curve-style': 'straight',
        'font-size': 7,
        'text-rotation': 'autorotate',
        color: c.muted,
      },
    },
    { selector: 'edge.impact', style: { 'line-color': c.bad, 'target-arrow-color': c.bad, width: 1.5 } },
    {
      selector: '.hover',
      style: { 'min-zoomed-font-size': 0, 'font-size': 10, 'z-index': 10, 'text-background-opacity': 1 },
    },
    { selector: 'node.hover', style: { label: 'data(ref)', 'border-width': 2, 'border-color': c.accent } },
    // A relationship's name only where it is asked for: on every line at once they would cover the drawing.
    {
      selector: 'edge.hover',
      style: { label: 'data(label)', width: 2, 'line-color': c.accent, 'target-arrow-color': c.accent },
    },
    { selector: '.faded', style: { opacity: 0.25 } },
  ];
}

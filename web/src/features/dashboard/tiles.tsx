import type { ReactNode } from 'react';
import { Link } from '../../app/router.js';

export function Tiles(props: { children: ReactNode }) {
  return <div className="tiles">{props.children}</div>;
}

/** One headline number that opens its list. */
export function Tile(props: { label: string; value: string; to: string; tone?: 'warn' | 'bad' }) {
  return (
    <Link to={props.to} className={`tile${props.tone ? ` tile-${props.tone}` : ''}`}>
      <span className="tile-value">{props.value}</span>
      <span className="tile-label">{props.label}</span>
    </Link>
  );
}

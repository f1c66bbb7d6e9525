import type { ReactNode } from 'react';
import { errorText } from './error-text.js';
import { humanize } from './format.js';
import { usePageTitle } from './page-title.js';

const STATE_TONE: Record<string, string> = {
  draft: 'neutral',
  submitted: 'warn',
  authorized: 'info',
  scheduled: 'info',
  implementing: 'accent',
  implemented: 'ok',
  reviewed: 'ok',
  closed: 'muted',
  rejected: 'bad',
  failed: 'bad',
  backed_out: 'bad',
  cancelled: 'muted',
  active: 'ok',
  planned: 'info',
  building: 'info',
  maintenance: 'warn',
  retired: 'muted',
  // Releases and deployments.
  proposed: 'warn',
  approved: 'ok',
  running: 'info',
  succeeded: 'ok',
};

const RISK_TONE: Record<string, string> = { low: 'ok', medium: 'warn', high: 'bad', 'very-high': 'critical' };

/** A change state or CI status as a coloured pill. */
export function StateBadge(props: { state: string }) {
  return <span className={`badge tone-${STATE_TONE[props.state] ?? 'neutral'}`}>{humanize(props.state)}</span>;
}

export function RiskBadge(props: { level: string | undefined; score?: number }) {
  if (!props.level) return <span className="muted">—</span>;
  return (
    <span className={`badge risk tone-${RISK_TONE[props.level] ?? 'neutral'}`}>
      {humanize(props.level)}
      {props.score !== undefined && <span className="badge-score">{props.score}</span>}
    </span>
  );
}

export function Tag(props: { children: ReactNode }) {
  return <span className="tag">{props.children}</span>;
}

export function ErrorBox(props: { error: Error | undefined }) {
  if (!props.error) return null;
  return (
    <div className="alert alert-error" role="alert">
      {errorText(props.error)}
    </div>
  );
}

export function Loading(props: { what?: string }) {
  return <div className="loading">Loading{props.what ? ` ${props.what}` : ''}…</div>;
}

export function Empty(props: { children: ReactNode }) {
  return <div className="empty">{props.children}</div>;
}

/**
 * A list's three states in one place: loading (first load only: a reload keeps showing the
 * list), empty (`empty` says so in the page's words), or the list itself (`children`).
 */
export function Listing(props: {
  loaded: { loading: boolean; data: unknown };
  count: number;
  what?: string;
  empty: ReactNode;
  children: ReactNode;
}) {
  if (props.loaded.loading && props.loaded.data === undefined) return <Loading what={props.what} />;
  if (props.count === 0) return <Empty>{props.empty}</Empty>;
  return <>{props.children}</>;
}

/** A page's heading; it names the browser tab too (`docTitle` when the heading is not plain text). */
export function PageHeader(props: {
  title: ReactNode;
  subtitle?: ReactNode;
  actions?: ReactNode;
  kicker?: ReactNode;
  docTitle?: string;
}) {
  usePageTitle(props.docTitle ?? (typeof props.title === 'string' ? props.title : undefined));
  return (
    <header className="page-header">
      <div>
        {props.kicker && <div className="kicker">{props.kicker}</div>}
        <h1>{props.title}</h1>
        {props.subtitle && <p className="subtitle">{props.subtitle}</p>}
      </div>
      {props.actions && <div className="page-actions">{props.actions}</div>}
    </header>
  );
}

export function Card(props: {
  title?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  flush?: boolean;
}) {
  return (
    <section className={`card ${props.className ?? ''}`}>
      {(props.title ?? props.actions) && (
        <div className="card-header">
          <h2>{props.title}</h2>
          {props.actions}
        </div>
      )}
      <div className={props.flush ? 'card-body flush' : 'card-body'}>{props.children}</div>
    </section>
  );
}

/** Label/value pairs laid out as a definition list. */
export function Fields(props: { items: [ReactNode, ReactNode][] }) {
  return (
    <dl className="fields">
      {props.items.map(([k, v], i) => (
        <div key={i} className="field">
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

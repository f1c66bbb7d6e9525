import { Link } from '../../app/router.js';
import { formatTime } from '../../ui/format.js';

/** What the UI needs to say which revision made something and under which change. */
interface RevisionRef {
  rev: number;
  at?: string;
  author?: string;
  change: string | null;
  backoutOf: string | null;
}

/** The page of one revision: its record and what it changed. */
export function revisionPath(rev: number): string {
  return `/history/${rev}`;
}

/** "CHG-3" for the change a revision implemented, "backout of CHG-3" for one it backed out, each linked. */
export function RevisionChange(props: { revision: Pick<RevisionRef, 'change' | 'backoutOf'>; none?: string }) {
  const { change, backoutOf } = props.revision;
  if (change) return <Link to={`/changes/${change}`}>{change}</Link>;
  if (backoutOf)
    return (
      <span>
        backout of <Link to={`/changes/${backoutOf}`}>{backoutOf}</Link>
      </span>
    );
  return props.none === undefined ? null : <span className="muted">{props.none}</span>;
}

/** "rev 7 · CHG-3": the revision that made a diff line, linked to its page, and its change. */
export function MadeIn(props: { madeIn: RevisionRef }) {
  const m = props.madeIn;
  const who = m.author ? `by ${m.author}${m.at ? ` at ${formatTime(m.at)}` : ''}` : undefined;
  return (
    // Each part keeps together; at a narrow width the change goes under the revision.
    <span className="made-in">
      <Link to={revisionPath(m.rev)} className="nowrap" title={who ? `Revision ${m.rev}, ${who}` : `Revision ${m.rev}`}>
        rev {m.rev}
      </Link>
      {(m.change ?? m.backoutOf) && (
        <>
          {' · '}
          <RevisionChange revision={m} />
        </>
      )}
    </span>
  );
}

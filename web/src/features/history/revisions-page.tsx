import { useState } from 'react';
import { client } from '../../client.js';
import { href, Link } from '../../app/router.js';
import { formatTime } from '../../ui/format.js';
import { useApi } from '../../ui/use-api.js';
import { Card, Empty, ErrorBox, Loading, PageHeader, Tag } from '../../ui/widgets.js';
import { RevisionChange, revisionPath } from './revision-links.js';

/** The revision log, newest first: who, from where, under which change, why, when. */
export function RevisionsPage() {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const log = useApi(() => client.history.log({ limit: 30, cursor }), [cursor]);
  const items = log.data?.items ?? [];
  return (
    <>
      <PageHeader
        title="Revisions"
        subtitle="Every write to the CMDB is one numbered, hash-chained revision."
        actions={
          <Link to="/history/diff" className="btn">
            Compare two points
          </Link>
        }
      />
      <ErrorBox error={log.error} />
      <Card flush>
        {log.loading && !log.data ? (
          <Loading what="revisions" />
        ) : items.length === 0 ? (
          <Empty>No revisions yet.</Empty>
        ) : (
          <table className="table" aria-label="Revisions">
            <thead>
              <tr>
                <th className="num">Rev</th>
                <th>Message</th>
                <th>Author</th>
                <th>Source</th>
                <th>Change</th>
                <th>Time</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.rev}>
                  <td className="num mono strong">
                    <Link to={revisionPath(r.rev)}>{r.rev}</Link>
                  </td>
                  <td>{r.message || <span className="muted">—</span>}</td>
                  <td>{r.author}</td>
                  <td>
                    <Tag>{r.source}</Tag>
                  </td>
                  <td>
                    <RevisionChange revision={r} none="—" />
                  </td>
                  <td className="nowrap">{formatTime(r.at)}</td>
                  <td className="right nowrap">
                    {r.rev > 1 && (
                      <Link to={href('/history/diff', { from: String(r.rev - 1), to: String(r.rev) })}>
                        What changed
                      </Link>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <div className="pager">
        <button
          type="button"
          className="btn"
          disabled={cursors.length <= 1}
          onClick={() => setCursors(cursors.slice(0, -1))}
        >
          ← Newer
        </button>
        <button
          type="button"
          className="btn"
          disabled={!log.data?.nextCursor}
          onClick={() => setCursors([...cursors, log.data?.nextCursor ?? undefined])}
        >
          Older →
        </button>
      </div>
    </>
  );
}

import { client } from '../../client.js';
import { href, Link } from '../../app/router.js';
import { formatTime } from '../../ui/format.js';
import { useApi } from '../../ui/use-api.js';
import { Card, ErrorBox, Fields, Loading, PageHeader, Tag } from '../../ui/widgets.js';
import { DiffView } from './diff-view.js';
import { RevisionChange, revisionPath } from './revision-links.js';

/** One revision: who wrote it, from where, under which change (or which change it backed out), and what it changed. */
export function RevisionPage(props: { rev: number }) {
  const { rev } = props;
  const revision = useApi(() => client.history.revision(rev), [rev]);
  const diff = useApi(() => client.history.diff(String(rev - 1), String(rev)), [rev]);
  const r = revision.data;
  return (
    <>
      <PageHeader
        docTitle={`Revision ${rev}`}
        kicker={<Link to="/history">Revisions</Link>}
        title={`Revision ${rev}`}
        subtitle={r ? r.message || 'No message' : undefined}
        actions={
          <span className="toolbar-inline">
            {rev > 1 && (
              <Link to={revisionPath(rev - 1)} className="btn">
                ← Revision {rev - 1}
              </Link>
            )}
            <Link to={href('/history/diff', { from: String(rev) })} className="btn">
              Compare with now
            </Link>
          </span>
        }
      />
      <ErrorBox error={revision.error} />
      {revision.loading && !r && <Loading what="the revision" />}
      {r && (
        <Card title="Record">
          <Fields
            items={[
              ['Author', r.author],
              ['Time', formatTime(r.at)],
              ['Source', <Tag>{r.source}</Tag>],
              ['Change', <RevisionChange revision={r} none="none: a write outside any change" />],
              ['Hash', <span className="mono small break">{r.hash}</span>],
            ]}
          />
        </Card>
      )}
      <ErrorBox error={diff.error} />
      {diff.loading && !diff.data && <Loading what="what it changed" />}
      {diff.data && <DiffView diff={diff.data} />}
    </>
  );
}

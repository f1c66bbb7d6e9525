import { client } from '../../client.js';
import { href, navigate } from '../../app/router.js';
import { useApi } from '../../ui/use-api.js';
import { Empty, ErrorBox, Loading, PageHeader } from '../../ui/widgets.js';
import { DiffView } from './diff-view.js';
import { PointSelect } from './point-select.js';

/** What changed between two points (revisions or baselines); `to` defaults to now. */
export function DiffPage(props: { from: string | undefined; to: string | undefined }) {
  const baselines = useApi(() => client.history.listBaselines(), []);
  const from = props.from ?? baselines.data?.[0]?.name;
  const diff = useApi(
    () => (from ? client.history.diff(from, props.to) : Promise.resolve(undefined)),
    [from, props.to],
  );
  const set = (change: { from?: string; to?: string }) =>
    navigate(href('/history/diff', { from, to: props.to, ...change }), { replace: true });
  return (
    <>
      <PageHeader
        title="Diff"
        subtitle={
          diff.data
            ? `From revision ${diff.data.from} to revision ${diff.data.to}`
            : 'What changed between two points in history'
        }
        actions={
          <div className="toolbar-inline">
            <PointSelect label="From" name="from" value={from} nowLabel="Choose…" onChange={(v) => set({ from: v })} />
            <PointSelect label="To" name="to" value={props.to} onChange={(v) => set({ to: v })} />
          </div>
        }
      />
      <ErrorBox error={diff.error ?? baselines.error} />
      {!from && !baselines.loading && <Empty>Choose a point to compare from.</Empty>}
      {diff.loading && !diff.data && from && <Loading what="the diff" />}
      {diff.data && <DiffView diff={diff.data} />}
    </>
  );
}

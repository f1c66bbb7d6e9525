import { href, Link, navigate } from '../../app/router.js';
import { useVocabulary } from '../../app/session.js';
import { client } from '../../client.js';
import type { FindingsQuery } from '../../types.js';
import { formatValue, humanize } from '../../ui/format.js';
import { ciPath } from '../../ui/paths.js';
import { useApi } from '../../ui/use-api.js';
import { Card, Empty, ErrorBox, Loading, PageHeader } from '../../ui/widgets.js';

const TONE: Record<string, string> = { authorized: 'ok', corrective: 'info', unauthorized: 'bad' };

/** What discovery observed against the authorized state: each finding with its classification. */
export function DriftPage(props: { query: URLSearchParams }) {
  const state = props.query.get('state') ?? 'open';
  const kind = props.query.get('kind') ?? '';
  const classification = props.query.get('classification') ?? '';
  const { findingStates, findingKinds, classifications } = useVocabulary();
  const query: FindingsQuery = {
    state: state === 'any' ? undefined : (state as FindingsQuery['state']),
    kind: (kind || undefined) as FindingsQuery['kind'],
  };
  // The first page of findings (up to 1 000, the API's largest page): the screen shows no more.
  const findings = useApi(
    () => client.drift.listFindings({ ...query, limit: 1000 }).then((page) => page.items),
    [state, kind],
  );
  const items = (findings.data ?? []).filter((f) => !classification || f.classification === classification);
  const go = (change: Record<string, string>) =>
    navigate(href('/drift', { state, kind, classification, ...change }), { replace: true });
  const select = (name: string, value: string, options: readonly string[], anyValue = '') => (
    <label className="inline-field">
      <span>{humanize(name)}</span>
      <select name={name} value={value} onChange={(e) => go({ [name]: e.target.value })}>
        <option value={anyValue}>Any</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {humanize(o)}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <>
      <PageHeader
        title="Drift"
        subtitle="Differences between what discovery sources observed and the authorized state (cairn drift check)."
      />
      <div className="toolbar">
        {select('state', state, findingStates, 'any')}
        {select('kind', kind, findingKinds)}
        {select('classification', classification, classifications)}
      </div>
      <ErrorBox error={findings.error} />
      <Card flush>
        {findings.loading && !findings.data ? (
          <Loading what="findings" />
        ) : items.length === 0 ? (
          <Empty>No drift findings match.</Empty>
        ) : (
          <table className="table" aria-label="Drift findings">
            <thead>
              <tr>
                <th>Finding</th>
                <th>CI</th>
                <th>Kind</th>
                <th>Classification</th>
                <th>Attributes</th>
                <th>Source</th>
                <th>State</th>
              </tr>
            </thead>
            <tbody>
              {items.map((f) => (
                <tr key={f.id}>
                  <td className="mono nowrap">{f.id}</td>
                  <td>
                    {f.kind === 'unexpected' ? (
                      <span className="mono">{f.ref}</span>
                    ) : (
                      <Link to={ciPath(f.ref)}>{f.ref}</Link>
                    )}
                  </td>
                  <td>{humanize(f.kind)}</td>
                  <td>
                    <span className={`badge tone-${TONE[f.classification] ?? 'neutral'}`}>
                      {humanize(f.classification)}
                    </span>
                  </td>
                  <td className="small">
                    {f.attributes.map((a) => (
                      <div key={a.name}>
                        <span className="mono">{a.name}</span>:{' '}
                        <span className="diff-old mono">{formatValue(a.authorized)}</span> →{' '}
                        <span className="diff-new mono">{formatValue(a.observed)}</span>
                      </div>
                    ))}
                  </td>
                  <td>{f.source}</td>
                  <td>{humanize(f.state)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </>
  );
}

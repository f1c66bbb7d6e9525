import { useState } from 'react';
import { href, Link, navigate } from '../../app/router.js';
import { useMay, useSession, useVocabulary } from '../../app/session.js';
import { client } from '../../client.js';
import type { FindingsQuery } from '../../types.js';
import { formatValue, humanize } from '../../ui/format.js';
import { ciPath } from '../../ui/paths.js';
import { useApi } from '../../ui/use-api.js';
import { Card, Empty, ErrorBox, Loading, PageHeader } from '../../ui/widgets.js';
import { DriftActions, ResolutionLink, type Outcome } from './drift-actions.js';
import { ObservationCards } from './observation-cards.js';
import './drift.css';

const TONE: Record<string, string> = { authorized: 'ok', corrective: 'info', unauthorized: 'bad' };

/**
 * What discovery observed against the authorized state: each finding with its classification and
 * what was observed, the observations they come from, and — for one finding or many — accept,
 * remediate or suppress; a resolved finding links to the revision or change that resolved it.
 */
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
  const [showSuppressed, setShowSuppressed] = useState(false);
  const matching = (findings.data ?? []).filter((f) => !classification || f.classification === classification);
  // Open findings a rule suppresses are known drift: listed only on request, so that the table is
  // what still needs a decision.
  const suppressed = matching.filter((f) => f.state === 'open' && f.suppressedBy !== undefined);
  const items = showSuppressed ? matching : matching.filter((f) => !suppressed.includes(f));
  const { session } = useSession();
  const mayManage = useMay('drift:manage');
  const mayWrite = useMay('cmdb:write');
  const mayAccept = mayManage && mayWrite;
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  const open = items.filter((f) => f.state === 'open');
  const selected = open.filter((f) => picked.has(f.id));
  const toggle = (id: string) =>
    setPicked((p) => {
      const next = new Set(p);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
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
        {suppressed.length > 0 && (
          <label className="toolbar-check">
            <input type="checkbox" checked={showSuppressed} onChange={(e) => setShowSuppressed(e.target.checked)} />
            <span>
              Show {suppressed.length} suppressed {suppressed.length === 1 ? 'finding' : 'findings'}
            </span>
          </label>
        )}
      </div>
      <ErrorBox error={findings.error} />
      {outcome && (
        <div className="alert alert-success" role="status">
          {outcome.text} {outcome.link && <Link to={outcome.link.to}>{outcome.link.label}</Link>}
        </div>
      )}
      <ObservationCards ids={[...new Set(items.map((f) => f.observationId))]} />
      {mayManage && (
        <DriftActions
          selected={selected}
          user={session.name}
          mayAccept={mayAccept}
          onDone={(o) => {
            setOutcome(o);
            setPicked(new Set());
            findings.reload();
          }}
        />
      )}
      <Card flush className="drift-findings">
        {findings.loading && !findings.data ? (
          <Loading what="findings" />
        ) : items.length === 0 ? (
          <Empty>{suppressed.length > 0 ? 'Every matching finding is suppressed.' : 'No drift findings match.'}</Empty>
        ) : (
          <table className="table" aria-label="Drift findings">
            <thead>
              <tr>
                {mayManage && (
                  <th className="check-col">
                    <input
                      type="checkbox"
                      aria-label="Select every open finding"
                      checked={open.length > 0 && selected.length === open.length}
                      onChange={(e) => setPicked(new Set(e.target.checked ? open.map((f) => f.id) : []))}
                    />
                  </th>
                )}
                <th>Finding</th>
                <th>CI</th>
                <th>Kind</th>
                <th>Authorized → observed</th>
                <th>State</th>
              </tr>
            </thead>
            <tbody>
              {items.map((f) => (
                <tr key={f.id} className={picked.has(f.id) ? 'selected' : undefined}>
                  {mayManage && (
                    <td className="check-col">
                      {f.state === 'open' && (
                        <input
                          type="checkbox"
                          aria-label={`Select ${f.id}`}
                          checked={picked.has(f.id)}
                          onChange={() => toggle(f.id)}
                        />
                      )}
                    </td>
                  )}
                  <td className="nowrap">
                    <span className="mono">{f.id}</span>
                    <div className="small muted">
                      {f.source} · {f.observationId}
                    </div>
                  </td>
                  <td>
                    {f.kind === 'unexpected' && f.ciId === null ? (
                      <span className="mono">{f.ref}</span>
                    ) : (
                      <Link to={ciPath(f.ref)}>{f.ref}</Link>
                    )}
                  </td>
                  <td>
                    <div>{f.relation ? `${humanize(f.kind)} relationship` : humanize(f.kind)}</div>
                    <span className={`badge tone-${TONE[f.classification] ?? 'neutral'}`}>
                      {humanize(f.classification)}
                    </span>
                  </td>
                  <td className="small">
                    {f.relation && <RelationDetail kind={f.kind} relation={f.relation} />}
                    {f.kind === 'unexpected' && f.item && <ObservedItem item={f.item} />}
                    {f.attributes.map((a) => (
                      <div key={a.name}>
                        <span className="mono">{a.name}</span>:{' '}
                        <span className="diff-old mono">{formatValue(a.authorized)}</span> →{' '}
                        <span className="diff-new mono">{formatValue(a.observed)}</span>
                      </div>
                    ))}
                  </td>
                  <td>
                    {humanize(f.state)}
                    {f.suppressedBy && <div className="small muted">suppressed by {f.suppressedBy}</div>}
                    <ResolutionLink finding={f} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </>
  );
}

/**
 * A relationship the CMDB holds and the source did not see (struck, as removed in a diff), or one
 * the source saw and the CMDB does not hold (as added).
 */
function RelationDetail(props: { kind: string; relation: { type: string; from: string; to: string } }) {
  const r = props.relation;
  const missing = props.kind === 'missing';
  return (
    <div className="relation-drift">
      <span className={missing ? 'diff-old' : 'diff-new'}>
        <span className="mono">{r.from}</span> <strong>{r.type}</strong> <Link to={ciPath(r.to)}>{r.to}</Link>
      </span>
      <div className="muted">{missing ? 'recorded, not seen by the source' : 'seen by the source, not recorded'}</div>
    </div>
  );
}

/** What the source saw of an item the CMDB does not hold: what accepting it would write. */
function ObservedItem(props: { item: Record<string, unknown> }) {
  const attributes = (props.item.attributes ?? {}) as Record<string, unknown>;
  return (
    <div className="observed-item">
      {Object.entries(attributes).map(([k, v]) => (
        <div key={k}>
          <span className="mono">{k}</span>: <span className="diff-new mono">{formatValue(v)}</span>
        </div>
      ))}
    </div>
  );
}

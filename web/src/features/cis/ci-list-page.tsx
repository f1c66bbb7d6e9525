import { useState, type FormEvent } from 'react';
import { client } from '../../client.js';
import type { ModelClass } from '../../types.js';
import { ciPath } from '../../ui/paths.js';
import { href, Link, navigate } from '../../app/router.js';
import { useApi } from '../../ui/use-api.js';
import { Card, ErrorBox, Listing, PageHeader, StateBadge } from '../../ui/widgets.js';
import { formatValue } from '../../ui/format.js';

const STATUSES = ['planned', 'building', 'active', 'maintenance', 'retired'];
const PAGE = 50;

/** Classes in tree order (each after its parent) with their depth, for an indented select. */
export function classTree(classes: ModelClass[]): { name: string; depth: number }[] {
  const children = new Map<string | undefined, ModelClass[]>();
  for (const c of classes) children.set(c.parent, [...(children.get(c.parent) ?? []), c]);
  const out: { name: string; depth: number }[] = [];
  const walk = (parent: string | undefined, depth: number) => {
    for (const c of (children.get(parent) ?? []).sort((a, b) => a.name.localeCompare(b.name))) {
      out.push({ name: c.name, depth });
      walk(c.name, depth + 1);
    }
  };
  walk(undefined, 0);
  return out;
}

/** CIs with filters in the URL (class incl. subclasses, status, label, name search), one page at a time. */
export function CiListPage(props: { query: URLSearchParams }) {
  const q = props.query;
  const filters = {
    class: q.get('class') ?? '',
    status: q.get('status') ?? '',
    label: q.get('label') ?? '',
    q: q.get('q') ?? '',
    cursor: q.get('cursor') ?? '',
  };
  const [label, setLabel] = useState(filters.label);
  const [text, setText] = useState(filters.q);
  const [trail, setTrail] = useState<string[]>([]);
  const classes = useApi(() => client.model.classes().then((m) => m.classes), []);
  const page = useApi(
    () =>
      client.cmdb.listCis({
        class: filters.class || undefined,
        status: filters.status ? [filters.status] : undefined,
        label: filters.label ? [filters.label] : undefined,
        q: filters.q || undefined,
        limit: PAGE,
        cursor: filters.cursor || undefined,
      }),
    [filters.class, filters.status, filters.label, filters.q, filters.cursor],
  );
  // The server counts every match on the first page; later pages (a cursor) keep that figure.
  const [total, setTotal] = useState<{ key: string; n: number }>();
  const key = `${filters.class}|${filters.status}|${filters.label}|${filters.q}`;
  if (page.data?.total !== undefined && !filters.cursor && (total?.key !== key || total.n !== page.data.total))
    setTotal({ key, n: page.data.total });
  const go = (change: Partial<typeof filters>) => {
    if (!('cursor' in change)) setTrail([]);
    navigate(href('/cis', { ...filters, cursor: undefined, ...change }), { replace: true });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    go({ label: label.trim(), q: text.trim() });
  };
  const items = page.data?.items ?? [];
  const shown = trail.length * PAGE;

  return (
    <>
      <PageHeader
        title="Configuration items"
        subtitle="Every CI in the CMDB, filtered by class (with its subclasses), status, label or name."
      />
      <form className="toolbar" onSubmit={submit}>
        <label className="inline-field">
          <span>Class</span>
          <select name="class" value={filters.class} onChange={(e) => go({ class: e.target.value })}>
            <option value="">All classes</option>
            {classTree(classes.data ?? []).map((c) => (
              <option key={c.name} value={c.name}>
                {'\u00a0\u00a0'.repeat(c.depth)}
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          <span>Status</span>
          <select name="status" value={filters.status} onChange={(e) => go({ status: e.target.value })}>
            <option value="">Any</option>
            {STATUSES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          <span>Label</span>
          <input
            name="label"
            placeholder="team=shop or team"
            value={label}
            onChange={(e) => setLabel(e.target.value)}
            size={12}
          />
        </label>
        <label className="inline-field grow">
          <span>Name</span>
          <input
            name="q"
            type="search"
            placeholder="Part of a name"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        <button type="submit" className="btn">
          Apply
        </button>
      </form>
      <ErrorBox error={page.error} />
      <Card flush>
        <Listing loaded={page} count={items.length} what="CIs" empty="No CI matches these filters.">
          <table className="table">
            <thead>
              <tr>
                <th>CI</th>
                <th>Class</th>
                <th>Status</th>
                <th>Environment</th>
                <th>Labels</th>
                <th className="num">Rev</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={ciPath(`${c.class}/${c.name}`)} className="strong">
                      {c.name}
                    </Link>
                  </td>
                  <td className="mono muted">{c.class}</td>
                  <td>
                    <StateBadge state={c.status} />
                  </td>
                  <td>{formatValue(c.attributes.environment)}</td>
                  <td>
                    {Object.entries(c.labels).map(([k, v]) => (
                      <span key={k} className="tag">
                        {k}={v}
                      </span>
                    ))}
                  </td>
                  <td className="num mono">{c.revision}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Listing>
      </Card>
      <div className="pager">
        <span className="muted">
          {items.length === 0 ? 'None' : `${shown + 1}–${shown + items.length}`}
          {total?.key === key ? ` of ${total.n}` : ''}
        </span>
        <button
          type="button"
          className="btn"
          disabled={trail.length === 0}
          onClick={() => {
            const prev = trail.slice(0, -1);
            setTrail(prev);
            go({ cursor: trail[trail.length - 1] === '' ? undefined : trail[trail.length - 1] });
          }}
        >
          ← Previous
        </button>
        <button
          type="button"
          className="btn"
          disabled={!page.data?.nextCursor}
          onClick={() => {
            setTrail([...trail, filters.cursor]);
            go({ cursor: page.data?.nextCursor ?? undefined });
          }}
        >
          Next →
        </button>
      </div>
    </>
  );
}

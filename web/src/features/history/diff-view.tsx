import type { Diff } from '../../types.js';
import { ciPath } from '../../ui/paths.js';
import { Link } from '../../app/router.js';
import { formatValue } from '../../ui/format.js';
import { Card, Empty } from '../../ui/widgets.js';
import { MadeIn } from './revision-links.js';

type Section = Pick<Diff, 'added' | 'removed' | 'modified'>;

function isCi(ref: string): boolean {
  return !ref.includes(' ') && !ref.includes('→');
}

/** Added, removed and modified CIs and relationships, each modification field by field. */
export function DiffView(props: { diff: Diff }) {
  const { diff } = props;
  const total = (s: Section) => s.added.length + s.removed.length + s.modified.length;
  if (total(diff) + total(diff.relations) === 0) return <Empty>Nothing changed between these points.</Empty>;
  return (
    <>
      <div className="stat-row">
        <Stat label="CIs added" value={diff.added.length} tone="ok" />
        <Stat label="CIs modified" value={diff.modified.length} tone="warn" />
        <Stat label="CIs removed" value={diff.removed.length} tone="bad" />
        <Stat label="Relationships changed" value={total(diff.relations)} tone="neutral" />
      </div>
      <DiffSection title="CIs" section={diff} link />
      {total(diff.relations) > 0 && <DiffSection title="Relationships" section={diff.relations} link={false} />}
    </>
  );
}

function Stat(props: { label: string; value: number; tone: string }) {
  return (
    <div className={`stat tone-line-${props.tone}`}>
      <div className="stat-value">{props.value}</div>
      <div className="stat-label">{props.label}</div>
    </div>
  );
}

function RefLink(props: { refName: string; link: boolean }) {
  return props.link && isCi(props.refName) ? (
    <Link to={ciPath(props.refName)}>{props.refName}</Link>
  ) : (
    <span className="mono">{props.refName}</span>
  );
}

type FieldChange = Section['modified'][number]['changes'][number];

/** Before/after cells: a removed field shows its old value struck and no new value (not a green null). */
function FieldValues(props: { change: FieldChange }) {
  const c = props.change;
  if (c.change === 'removed')
    return (
      <>
        <td className="mono diff-old">
          <del>{formatValue(c.from)}</del>
        </td>
        <td className="muted diff-gone">removed</td>
      </>
    );
  return (
    <>
      <td className={c.change === 'added' ? 'muted' : 'mono diff-old'}>
        {c.change === 'added' ? 'not set' : formatValue(c.from)}
      </td>
      <td className="mono diff-new">{formatValue(c.to)}</td>
    </>
  );
}

function DiffSection(props: { title: string; section: Section; link: boolean }) {
  const { section } = props;
  return (
    <Card title={props.title} flush>
      <div className="table-scroll">
        <table className="table diff-table" aria-label={`${props.title} diff`}>
          <thead>
            <tr>
              <th className="diff-mark" />
              <th>Item</th>
              <th>Field</th>
              <th>Before</th>
              <th>After</th>
              <th>Made in</th>
            </tr>
          </thead>
          <tbody>
            {section.added.map((e) => (
              <tr key={`a${e.id}`} className="diff-added">
                <td className="diff-mark">+</td>
                <td>
                  <RefLink refName={e.ref} link={props.link} />
                </td>
                <td colSpan={3} className="muted">
                  added
                </td>
                <td>
                  <MadeIn madeIn={e.madeIn} />
                </td>
              </tr>
            ))}
            {section.removed.map((e) => (
              <tr key={`r${e.id}`} className="diff-removed">
                <td className="diff-mark">−</td>
                <td>
                  <span className="mono">{e.ref}</span>
                </td>
                <td colSpan={3} className="muted">
                  removed
                </td>
                <td>
                  <MadeIn madeIn={e.madeIn} />
                </td>
              </tr>
            ))}
            {section.modified.flatMap((m) =>
              m.changes.map((c, i) => (
                <tr key={`m${m.id}${c.path}`} className={i === 0 ? 'diff-modified' : 'diff-modified diff-cont'}>
                  <td className="diff-mark">{i === 0 ? '~' : ''}</td>
                  <td>{i === 0 && <RefLink refName={m.ref} link={props.link} />}</td>
                  <td className="mono">{c.path}</td>
                  <FieldValues change={c} />
                  <td>
                    <MadeIn madeIn={c.madeIn} />
                  </td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      </div>
    </Card>
  );
}

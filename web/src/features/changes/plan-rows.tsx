import { formatValue } from '../../ui/format.js';
import { CiPicker } from './ci-picker.js';

/** One line of the plan built in the form: set `key` of CI `ci` (class/name) to `value`. */
export interface PlanRow {
  ci: string;
  key: string;
  value: string;
}

/**
 * A value as typed, of the type the attribute has now ("16.5" stays text for a version held as
 * text); for a new attribute, numbers, true/false and null as JSON, anything else as text.
 */
function parseValue(text: string, current: unknown): unknown {
  const t = text.trim();
  if (t === 'null') return null;
  if (typeof current === 'string') return text;
  if (typeof current === 'number' && t !== '' && !Number.isNaN(Number(t))) return Number(t);
  if (/^-?\d+(\.\d+)?$/.test(t) || t === 'true' || t === 'false') return JSON.parse(t) as unknown;
  return text;
}

/** The plan document (desired state) the rows describe: one entry per CI, its attributes merged. */
export function planOf(
  rows: readonly PlanRow[],
  current: ReadonlyMap<string, Record<string, unknown>> = new Map(),
): { cis: Record<string, unknown>[]; relations: [] } {
  const byCi = new Map<string, Record<string, unknown>>();
  for (const r of rows) {
    const slash = r.ci.indexOf('/');
    if (slash <= 0 || !r.key.trim()) continue;
    const attrs = byCi.get(r.ci) ?? {};
    attrs[r.key.trim()] = parseValue(r.value, current.get(r.ci)?.[r.key.trim()]);
    byCi.set(r.ci, attrs);
  }
  return {
    cis: [...byCi].map(([ref, attributes]) => ({
      class: ref.slice(0, ref.indexOf('/')),
      name: ref.slice(ref.indexOf('/') + 1),
      attributes,
    })),
    relations: [],
  };
}

/**
 * The rows that describe a stored plan, when the form can: attributes of CIs only (no status,
 * labels, relationships or deletions — those are written in YAML); undefined otherwise.
 */
export function rowsOf(plan: Record<string, unknown>): PlanRow[] | undefined {
  const {
    cis = [],
    relations = [],
    delete: deletes,
    ...rest
  } = plan as {
    cis?: { class: string; name: string; attributes?: Record<string, unknown>; [k: string]: unknown }[];
    relations?: unknown[];
    delete?: unknown;
  };
  if (relations.length > 0 || deletes !== undefined || Object.keys(rest).length > 0) return undefined;
  const rows: PlanRow[] = [];
  for (const { class: cls, name, attributes = {}, ...other } of cis) {
    if (Object.keys(other).length > 0) return undefined;
    for (const [key, value] of Object.entries(attributes))
      rows.push({ ci: `${cls}/${name}`, key, value: value === null ? 'null' : formatValue(value) });
  }
  return rows;
}

/** The plan's lines: a CI (picked from the server's search), an attribute and its new value each. */
export function PlanRowsEditor(props: { rows: PlanRow[]; onChange: (rows: PlanRow[]) => void }) {
  const { rows, onChange } = props;
  const setRow = (i: number, patch: Partial<PlanRow>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <>
      {rows.map((r, i) => (
        <div className="plan-row" key={i}>
          <CiPicker label="CI (class/name)" name={`ci-${i}`} value={r.ci} onChange={(ci) => setRow(i, { ci })} />
          <label>
            Attribute
            <input name={`key-${i}`} value={r.key} onChange={(e) => setRow(i, { key: e.target.value })} />
          </label>
          <label>
            New value
            <input name={`value-${i}`} value={r.value} onChange={(e) => setRow(i, { value: e.target.value })} />
          </label>
          <button
            type="button"
            className="btn btn-ghost"
            aria-label={`Remove line ${i + 1}`}
            onClick={() => onChange(rows.filter((_, j) => j !== i))}
          >
            Remove
          </button>
        </div>
      ))}
      <button type="button" className="btn" onClick={() => onChange([...rows, { ci: '', key: '', value: '' }])}>
        Add a line
      </button>
      <p className="muted small">
        Values are text, or numbers, true, false and null as written; null removes the attribute. Status, labels,
        relationships and deletions are written in YAML.
      </p>
    </>
  );
}

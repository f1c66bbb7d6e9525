import { client } from '../../client.js';
import { useApi } from '../../ui/use-api.js';

/** A named point offered first, such as the revision a change was planned against. */
export interface NamedPoint {
  value: string;
  label: string;
}

/**
 * A point in history: now, a baseline or a revision; the value is what `?at=`/`from=` take.
 * `named` points (with their group's title) come first, for the points a page is about.
 */
export function PointSelect(props: {
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  nowLabel?: string;
  label: string;
  name?: string;
  named?: { title: string; points: NamedPoint[] };
}) {
  const points = useApi(() => Promise.all([client.history.listBaselines(), client.history.log({ limit: 200 })]), []);
  const [baselines, revisions] = points.data ?? [[], { items: [] }];
  const known =
    props.value === undefined ||
    baselines.some((b) => b.name === props.value) ||
    revisions.items.some((r) => String(r.rev) === props.value) ||
    (props.named?.points.some((p) => p.value === props.value) ?? false);
  return (
    <label className="inline-field">
      <span>{props.label}</span>
      <select
        name={props.name}
        value={props.value ?? ''}
        onChange={(e) => props.onChange(e.target.value === '' ? undefined : e.target.value)}
      >
        <option value="">{props.nowLabel ?? 'Now (head)'}</option>
        {!known && <option value={props.value}>{props.value}</option>}
        {props.named && props.named.points.length > 0 && (
          <optgroup label={props.named.title}>
            {props.named.points.map((p) => (
              <option key={p.value} value={p.value}>
                {p.label}
              </option>
            ))}
          </optgroup>
        )}
        {baselines.length > 0 && (
          <optgroup label="Baselines">
            {baselines.map((b) => (
              <option key={b.name} value={b.name}>
                {b.name} (r{b.rev})
              </option>
            ))}
          </optgroup>
        )}
        <optgroup label="Revisions">
          {revisions.items.map((r) => (
            <option key={r.rev} value={String(r.rev)}>
              r{r.rev} · {r.message.length > 48 ? `${r.message.slice(0, 47)}…` : r.message}
            </option>
          ))}
        </optgroup>
      </select>
    </label>
  );
}

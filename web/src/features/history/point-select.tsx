import { client } from '../../client.js';
import { useApi } from '../../ui/use-api.js';

/** A point in history: now, a baseline or a revision; the value is what `?at=`/`from=` take. */
export function PointSelect(props: {
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  nowLabel?: string;
  label: string;
  name?: string;
}) {
  const points = useApi(() => Promise.all([client.history.listBaselines(), client.history.log({ limit: 200 })]), []);
  const [baselines, revisions] = points.data ?? [[], { items: [] }];
  const known =
    props.value === undefined ||
    baselines.some((b) => b.name === props.value) ||
    revisions.items.some((r) => String(r.rev) === props.value);
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

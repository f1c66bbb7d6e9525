import { client } from '../../client.js';
import { Link } from '../../app/router.js';
import { formatTime } from '../../ui/format.js';
import { useApi } from '../../ui/use-api.js';
import { ErrorBox } from '../../ui/widgets.js';

/** The observations the listed findings come from: who saw how much when, compared with which revision. */
export function ObservationCards(props: { ids: string[] }) {
  const key = props.ids.join(',');
  const observations = useApi(
    () => Promise.all(props.ids.slice(0, 6).map((id) => client.drift.observation(id))),
    [key],
  );
  if (props.ids.length === 0) return null;
  return (
    <section className="observations" aria-label="Observations">
      <ErrorBox error={observations.error} />
      {(observations.data ?? []).map((o) => (
        <div key={o.id} className="observation card">
          <div className="card-body">
            <strong className="mono">{o.id}</strong> · {o.source} saw {o.items} item{o.items === 1 ? '' : 's'} (
            {Object.entries(o.byClass)
              .map(([c, n]) => `${n} ${c}`)
              .join(', ')}
            ) at {formatTime(o.observedAt)}, compared with{' '}
            <Link to={`/history/diff?from=${Math.max(0, o.rev - 1)}&to=${o.rev}`}>revision {o.rev}</Link>
            <div className="small muted">
              checked {formatTime(o.checkedAt)} by {o.author}
              {o.file ? ` from ${o.file}` : ''}
            </div>
          </div>
        </div>
      ))}
    </section>
  );
}

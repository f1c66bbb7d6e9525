import type { ChangeView } from '../../types.js';
import { Link } from '../../app/router.js';
import { ciPath } from '../../ui/paths.js';
import { formatValue } from '../../ui/format.js';

type PlanChanges = NonNullable<ChangeView['planChanges']>;

const ACTION_TAG: Record<PlanChanges[number]['action'], string | undefined> = {
  add: 'new',
  delete: 'deleted',
  modify: undefined,
  unchanged: 'no change',
};

/**
 * A change's plan as the server reads it against the state it was planned against: each field
 * old → new, every field of a CI it adds, everything a deletion removes.
 */
export function PlanChangesTable(props: { changes: PlanChanges }) {
  return (
    <table className="table compact before-after" aria-label="Plan, old and new values">
      <thead>
        <tr>
          <th>CI</th>
          <th>Field</th>
          <th>Old</th>
          <th>New</th>
        </tr>
      </thead>
      <tbody>
        {props.changes.flatMap((ci) => {
          const tag = ACTION_TAG[ci.action];
          const head = (
            <>
              <Link to={ciPath(ci.ref)}>{ci.ref}</Link> {tag && <span className="tag">{tag}</span>}
            </>
          );
          if (ci.changes.length === 0)
            return [
              <tr key={ci.ref}>
                <td className="mono">{head}</td>
                <td colSpan={3} className="muted">
                  {ci.action === 'delete' ? 'not found where the change was planned' : 'already holds these values'}
                </td>
              </tr>,
            ];
          return ci.changes.map((f, i) => (
            <tr key={`${ci.ref}.${f.path}`}>
              <td className="mono">{i === 0 ? head : null}</td>
              <td className="mono">{f.path}</td>
              <td className={'from' in f ? 'old' : 'muted'}>{'from' in f ? formatValue(f.from) : 'not set'}</td>
              <td className={'to' in f ? 'new' : 'muted'}>{'to' in f ? formatValue(f.to) : 'removed'}</td>
            </tr>
          ));
        })}
      </tbody>
    </table>
  );
}

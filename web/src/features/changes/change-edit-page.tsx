import { Link } from '../../app/router.js';
import { useSession } from '../../app/session.js';
import { client } from '../../client.js';
import { humanize } from '../../ui/format.js';
import { useApi } from '../../ui/use-api.js';
import { Empty, ErrorBox, Loading, PageHeader } from '../../ui/widgets.js';
import { ChangeForm } from './change-form-page.js';
import { rowsOf } from './plan-rows.js';
import { planYaml } from './plan-yaml.js';
import { RescheduleForm } from './reschedule-form.js';

type EditMode = 'edit' | 'replan' | 'reschedule';

/**
 * What the edit page opens, from what the server allows the user (`allowedActions`): a draft's
 * edit; past draft, the plan (replan) or the window (reschedule), `what=window` asking for the
 * window. Undefined when the user may change nothing on the change now.
 */
function editModeOf(allowed: readonly string[], what: string | null): EditMode | undefined {
  if (allowed.includes('edit')) return 'edit';
  const wanted = what === 'window' ? 'reschedule' : 'replan';
  const other = wanted === 'replan' ? 'reschedule' : 'replan';
  return allowed.includes(wanted) ? wanted : allowed.includes(other) ? other : undefined;
}

/** Replan or reschedule, when the user may do both: two links, the open one marked. */
function EditSwitch(props: { changeRef: string; mode: EditMode; allowed: readonly string[] }) {
  if (props.mode === 'edit' || !props.allowed.includes('replan') || !props.allowed.includes('reschedule')) return null;
  const path = `/changes/${props.changeRef}/edit`;
  return (
    <nav className="mode-switch" aria-label="What to change">
      <Link
        to={`${path}?what=plan`}
        className="btn btn-ghost"
        aria-current={props.mode === 'replan' ? 'page' : undefined}
      >
        The plan (replan)
      </Link>
      <Link
        to={`${path}?what=window`}
        className="btn btn-ghost"
        aria-current={props.mode === 'reschedule' ? 'page' : undefined}
      >
        The window (reschedule)
      </Link>
    </nav>
  );
}

/**
 * `/changes/CHG-n/edit`: a draft's fields and plan; past draft, the plan alone (replan) or the
 * window of an authorized or scheduled change (reschedule, `?what=window`) — as the server allows.
 */
export function ChangeEditPage(props: { changeRef: string; query: URLSearchParams }) {
  const { session } = useSession();
  const view = useApi(() => client.changes.show(props.changeRef), [props.changeRef]);
  const v = view.data;
  if (!v)
    return (
      <>
        <PageHeader title={`Edit ${props.changeRef}`} kicker={<Link to="/changes">Changes</Link>} />
        <ErrorBox error={view.error} />
        {view.loading && <Loading what="the change" />}
      </>
    );
  const { change, allowedActions } = v;
  const mode = editModeOf(allowedActions, props.query.get('what'));
  if (!mode)
    return (
      <>
        <PageHeader title={`Edit ${change.ref}`} kicker={<Link to={`/changes/${change.ref}`}>{change.ref}</Link>} />
        <Empty>
          {session.name} may not change {change.ref} while it is {humanize(change.state).toLowerCase()}.{' '}
          <Link to={`/changes/${change.ref}`}>Back to {change.ref}</Link>
        </Empty>
      </>
    );
  const switcher = <EditSwitch changeRef={change.ref} mode={mode} allowed={allowedActions} />;
  if (mode === 'reschedule') return <RescheduleForm key={change.ref} change={change} switcher={switcher} />;
  const rows = rowsOf(change.plan);
  return (
    <ChangeForm
      key={`${change.ref}-${mode}`}
      mode={mode}
      change={change}
      switcher={switcher}
      initialRows={rows}
      initialYaml={rows ? undefined : planYaml(change.plan)}
    />
  );
}

import { useState, type FormEvent, type ReactNode } from 'react';
import { Link, navigate } from '../../app/router.js';
import { useVocabulary } from '../../app/session.js';
import { client } from '../../client.js';
import type { Change } from '../../types.js';
import { humanize } from '../../ui/format.js';
import { useApi } from '../../ui/use-api.js';
import { Card, ErrorBox, PageHeader } from '../../ui/widgets.js';
import { ChangeChecks, ReplanNotice, WindowConflicts } from './change-checks.js';
import { planOf, PlanRowsEditor, rowsOf, type PlanRow } from './plan-rows.js';
import { planYaml, readPlanYaml } from './plan-yaml.js';
import { TemplatePicker } from './template-picker.js';
import { useChangePreview } from './use-change-preview.js';
import { isoOf, localOf, ZONE } from './window-input.js';

/** new: raise a change; edit: a draft's fields and plan; replan: the plan of a change past draft. */
export type FormMode = 'new' | 'edit' | 'replan';

interface Fields {
  type: string;
  /** The standard-change template, for a standard change. */
  template: string;
  title: string;
  description: string;
  justification: string;
  assignee: string;
  start: string;
  end: string;
  implementationPlan: string;
  testPlan: string;
  backoutPlan: string;
}

function fieldsOf(change: Change | undefined): Fields {
  return {
    type: change?.type ?? 'normal',
    template: change?.template ?? '',
    title: change?.title ?? '',
    description: change?.description ?? '',
    justification: change?.justification ?? '',
    assignee: change?.assignee ?? '',
    start: localOf(change?.window?.start),
    end: localOf(change?.window?.end),
    implementationPlan: change?.implementationPlan ?? '',
    testPlan: change?.testPlan ?? '',
    backoutPlan: change?.backoutPlan ?? '',
  };
}

/** The change document (change.yaml) the form describes, with `plan`. */
function documentOf(f: Fields, plan: Record<string, unknown>): Record<string, unknown> {
  const start = isoOf(f.start);
  const end = isoOf(f.end);
  return {
    type: f.type,
    ...(f.type === 'standard' && f.template ? { template: f.template } : {}),
    title: f.title.trim(),
    description: f.description,
    justification: f.justification,
    ...(f.assignee.trim() ? { assignee: f.assignee.trim() } : {}),
    ...(start && end ? { window: { start, end } } : {}),
    implementation_plan: f.implementationPlan,
    test_plan: f.testPlan,
    backout_plan: f.backoutPlan,
    plan,
  };
}

/** Raise a change: `/changes/new`, with `?ci=class/name` from a CI page's "Request change". */
export function ChangeFormPage(props: { query: URLSearchParams }) {
  const ci = props.query.get('ci') ?? '';
  return <ChangeForm mode="new" initialRows={[{ ci, key: '', value: '' }]} />;
}

/** The change form: raise a change, edit a draft, or replan a change past draft. */
export function ChangeForm(props: {
  mode: FormMode;
  change?: Change;
  switcher?: ReactNode;
  initialRows?: PlanRow[];
  initialYaml?: string;
}) {
  const { mode, change } = props;
  const types = useVocabulary().changeTypes;
  const [fields, setFields] = useState<Fields>(() => fieldsOf(change));
  const [rows, setRows] = useState<PlanRow[]>(props.initialRows ?? []);
  const [yaml, setYaml] = useState<string | undefined>(props.initialYaml);
  const [error, setError] = useState<Error>();
  const [missing, setMissing] = useState<string>();
  const [busy, setBusy] = useState(false);
  const set = (k: keyof Fields) => (e: { target: { value: string } }) => setFields({ ...fields, [k]: e.target.value });
  const refs = [...new Set(rows.map((r) => r.ci).filter((ref) => ref.indexOf('/') > 0))].sort();
  // The CIs' current attributes, so that a value keeps the type its attribute has.
  const current = useApi(
    async () =>
      new Map(
        await Promise.all(
          refs.map(async (ref) => {
            const ci = await client.cmdb.getCi(ref).catch(() => undefined);
            return [ref, ci?.attributes ?? {}] as const;
          }),
        ),
      ),
    [refs.join('\n')],
  );
  const read = yaml === undefined ? undefined : readPlanYaml(yaml);
  const formPlan = planOf(rows, current.data);
  const plan = read === undefined ? formPlan : 'plan' in read ? read.plan : undefined;
  const yamlError = read !== undefined && 'error' in read ? read.error : undefined;
  const askable = plan !== undefined && (read !== undefined || formPlan.cis.length > 0);
  const preview = useChangePreview(askable ? documentOf(fields, plan) : undefined, change?.ref);
  const hasWindow = fields.start !== '' && fields.end !== '';
  const backToRows = yaml === undefined ? undefined : read && 'plan' in read ? rowsOf(read.plan) : undefined;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (mode !== 'replan' && !fields.title.trim()) return setMissing('Give the change a title.');
    if (mode !== 'replan' && fields.type === 'standard' && !fields.template)
      return setMissing('Choose the template this standard change follows.');
    if ((fields.start === '') !== (fields.end === '')) return setMissing('Give both the window’s start and its end.');
    if (yamlError) return setMissing(`Mend the plan first. ${yamlError}`);
    setMissing(undefined);
    setBusy(true);
    setError(undefined);
    try {
      const doc = documentOf(fields, plan ?? formPlan);
      const saved =
        mode === 'new'
          ? await client.changes.create(doc)
          : mode === 'edit'
            ? await client.changes.edit(change!.ref, doc)
            : await client.changes.replan(change!.ref, plan ?? formPlan);
      navigate(`/changes/${saved.ref}`);
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };

  const title = mode === 'new' ? 'Request a change' : mode === 'edit' ? `Edit ${change!.ref}` : `Replan ${change!.ref}`;
  return (
    <>
      <PageHeader
        title={title}
        kicker={<Link to={change ? `/changes/${change.ref}` : '/changes'}>{change ? change.ref : 'Changes'}</Link>}
        subtitle={
          mode === 'new'
            ? 'Describe the change and build its plan; it is saved as a draft, which you then submit for approval.'
            : mode === 'edit'
              ? 'A draft: every field and the plan can change. Impact and risk are worked out again when it is saved.'
              : `${change!.title}. ${change!.ref} is ${humanize(change!.state).toLowerCase()}: only its plan changes here, and the server says below what that does to its approvals.`
        }
      />
      {props.switcher}
      <form className="stack" onSubmit={(e) => void submit(e)}>
        {mode !== 'replan' && (
          <Card title="The change">
            <div className="form">
              <label>
                Type
                <select name="type" value={fields.type} onChange={set('type')}>
                  {types.map((t) => (
                    <option key={t} value={t}>
                      {humanize(t)}
                    </option>
                  ))}
                </select>
              </label>
              {fields.type === 'standard' && (
                <TemplatePicker value={fields.template} onChange={(template) => setFields({ ...fields, template })} />
              )}
              <label>
                <span className="required">Title</span>
                <input name="title" value={fields.title} onChange={set('title')} />
              </label>
              <label>
                Description
                <textarea name="description" rows={2} value={fields.description} onChange={set('description')} />
              </label>
              <label>
                Justification
                <textarea name="justification" rows={2} value={fields.justification} onChange={set('justification')} />
              </label>
              <label>
                Assignee (who implements it)
                <input name="assignee" value={fields.assignee} onChange={set('assignee')} />
              </label>
              <div className="grid-2">
                <label>
                  Window start ({ZONE})
                  <input type="datetime-local" name="start" value={fields.start} onChange={set('start')} />
                </label>
                <label>
                  Window end ({ZONE})
                  <input type="datetime-local" name="end" value={fields.end} onChange={set('end')} />
                </label>
              </div>
              <WindowConflicts preview={preview} hasWindow={hasWindow} />
              <label>
                Implementation plan
                <textarea
                  name="implementationPlan"
                  rows={2}
                  value={fields.implementationPlan}
                  onChange={set('implementationPlan')}
                />
              </label>
              <label>
                Test plan
                <textarea name="testPlan" rows={2} value={fields.testPlan} onChange={set('testPlan')} />
              </label>
              <label>
                Backout plan
                <textarea name="backoutPlan" rows={2} value={fields.backoutPlan} onChange={set('backoutPlan')} />
              </label>
            </div>
          </Card>
        )}
        <Card title="Plan: what it sets">
          <div className="mode-switch" role="group" aria-label="How the plan is written">
            <button
              type="button"
              className="btn btn-ghost"
              aria-pressed={yaml === undefined}
              disabled={yaml !== undefined && backToRows === undefined}
              title={
                yaml !== undefined && backToRows === undefined
                  ? 'This plan sets more than attributes (or does not parse): keep it in YAML'
                  : undefined
              }
              onClick={() => {
                if (backToRows === undefined) return;
                setRows(backToRows);
                setYaml(undefined);
              }}
            >
              Build in the form
            </button>
            <button
              type="button"
              className="btn btn-ghost"
              aria-pressed={yaml !== undefined}
              onClick={() => yaml === undefined && setYaml(planYaml(formPlan))}
            >
              Write YAML
            </button>
          </div>
          {yaml === undefined ? (
            <PlanRowsEditor rows={rows} onChange={setRows} />
          ) : (
            <label className="form">
              Plan (YAML, as under plan: in change.yaml)
              <textarea
                className="yaml-editor"
                name="plan-yaml"
                spellCheck={false}
                rows={12}
                value={yaml}
                onChange={(e) => setYaml(e.target.value)}
                aria-invalid={yamlError !== undefined || preview.error !== undefined}
              />
            </label>
          )}
        </Card>
        <ChangeChecks preview={preview} yamlError={yamlError} />
        {mode === 'replan' && <ReplanNotice preview={preview} />}
        {missing && (
          <div className="field-error" role="alert">
            {missing}
          </div>
        )}
        <ErrorBox error={error} />
        <div className="action-buttons">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy
              ? 'Saving…'
              : mode === 'new'
                ? 'Save as draft'
                : mode === 'edit'
                  ? 'Save the draft'
                  : 'Save the new plan'}
          </button>
          <Link to={change ? `/changes/${change.ref}` : '/changes'} className="btn btn-ghost">
            Cancel
          </Link>
        </div>
      </form>
    </>
  );
}

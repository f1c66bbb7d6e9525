import { useState } from 'react';
import { client } from '../../client.js';
import { Link } from '../../app/router.js';
import type { FindingView } from '../../../../src/contracts/drift.contracts.js';
import { Card, ErrorBox } from '../../ui/widgets.js';

type Mode = 'accept' | 'remediate' | 'suppress';

/** What a resolution did, in a sentence with a link to what it produced. */
export interface Outcome {
  text: string;
  link?: { to: string; label: string };
}

const DAY = 86_400_000;

/**
 * The three ways to deal with selected findings: accept what was observed into the CMDB (one
 * revision, flagged for review; CIs under change control need a reason, recorded as an
 * unauthorized change), remediate through a change that restores the authorized state, or
 * suppress them with rules (known drift, until a date) so that later checks do not gate on them.
 */
export function DriftActions(props: {
  selected: FindingView[];
  user: string;
  mayAccept: boolean;
  onDone: (outcome: Outcome) => void;
}) {
  const [mode, setMode] = useState<Mode | undefined>();
  const [message, setMessage] = useState('');
  const [reason, setReason] = useState('');
  const [expires, setExpires] = useState(() => new Date(Date.now() + 30 * DAY).toISOString().slice(0, 10));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | undefined>();
  const ids = props.selected.map((f) => f.id);
  const count = `${ids.length} finding${ids.length === 1 ? '' : 's'}`;
  const run = async (work: () => Promise<Outcome>) => {
    setBusy(true);
    setError(undefined);
    try {
      props.onDone(await work());
      setMode(undefined);
      setReason('');
      setMessage('');
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setBusy(false);
    }
  };
  const accept = () =>
    run(async () => {
      const r = await client.drift.accept({
        ids,
        ...(message.trim() ? { message: message.trim() } : {}),
        ...(reason.trim() ? { emergency: { reason: reason.trim() } } : {}),
      });
      return r.revision === null
        ? { text: `The CMDB already held what was observed: ${count} resolved, nothing written.` }
        : {
            text: `Accepted ${count} as revision ${r.revision}, flagged for review.`,
            link: {
              to: `/history/diff?from=${r.revision - 1}&to=${r.revision}`,
              label: `What revision ${r.revision} wrote`,
            },
          };
    });
  const remediate = () =>
    run(async () => {
      const r = await client.drift.remediate({ ids });
      return r.change
        ? {
            text: `Opened ${r.change} to restore the authorized state of ${count}.`,
            link: { to: `/changes/${r.change}`, label: r.change },
          }
        : { text: `Drafted a remediation of ${count}: ${r.draft.title}.` };
    });
  const suppress = () =>
    run(async () => {
      // One after another: a modified finding is suppressed once rules name each of its
      // attributes, which the server judges as each rule is added, with the rules before it.
      const rules = [];
      for (const match of suppressionMatches(props.selected))
        rules.push(await client.drift.suppress({ match, owner: props.user, reason: reason.trim(), expires }));
      return {
        text: `Suppressed by ${rules.map((r) => r.id).join(', ')} until ${expires}: matching findings are listed apart, and checks do not fail on them.`,
      };
    });
  const button = (m: Mode, label: string, allowed = true) => (
    <button
      type="button"
      className={mode === m ? 'btn btn-small btn-selected' : 'btn btn-small'}
      disabled={ids.length === 0 || !allowed}
      aria-pressed={mode === m}
      onClick={() => setMode(mode === m ? undefined : m)}
    >
      {label}
    </button>
  );
  return (
    <div className="drift-actions">
      <div className="toolbar-inline" role="group" aria-label="Resolve the selected findings">
        <span className="muted">{ids.length === 0 ? 'Select findings to resolve them' : `${count} selected`}</span>
        {button('accept', 'Accept observed…', props.mayAccept)}
        {button('remediate', 'Remediate…')}
        {button('suppress', 'Suppress…')}
      </div>
      {mode && ids.length > 0 && (
        <Card title={TITLES[mode]}>
          <p className="small">{EXPLAIN[mode]}</p>
          {mode === 'accept' && (
            <>
              <label className="drift-field">
                <span>Revision message (optional)</span>
                <input value={message} onChange={(e) => setMessage(e.target.value)} />
              </label>
              <label className="drift-field">
                <span>Why it cannot wait for a change (needed for CIs under change control)</span>
                <textarea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
              </label>
            </>
          )}
          {mode === 'suppress' && (
            <>
              <label className="drift-field">
                <span>Why this drift is known and accepted</span>
                <textarea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
              </label>
              <label className="drift-field">
                <span>Until (a date, UTC)</span>
                <input type="date" value={expires} onChange={(e) => setExpires(e.target.value)} />
              </label>
            </>
          )}
          <ErrorBox error={error} />
          <div className="drift-buttons">
            <button
              type="button"
              className="btn btn-primary"
              disabled={busy || (mode === 'suppress' && (reason.trim() === '' || expires === ''))}
              onClick={() => void (mode === 'accept' ? accept() : mode === 'remediate' ? remediate() : suppress())}
            >
              {CONFIRM[mode]} {count}
            </button>
            <button type="button" className="btn" onClick={() => setMode(undefined)}>
              Cancel
            </button>
          </div>
        </Card>
      )}
    </div>
  );
}

const TITLES: Record<Mode, string> = {
  accept: 'Accept what was observed',
  remediate: 'Remediate through a change',
  suppress: 'Suppress as known drift',
};
const EXPLAIN: Record<Mode, string> = {
  accept:
    'Writes the observed state of these CIs into the CMDB as one revision, flagged for a retrospective review. Writing to CIs under change control outside a change is recorded as an unauthorized change, with your reason.',
  remediate: 'Opens one normal change whose plan restores the authorized state of these CIs; the findings link to it.',
  suppress:
    'Adds a rule per CI (and per attribute of a modified one) for this source; findings it matches are listed apart and do not fail a check until the date.',
};
const CONFIRM: Record<Mode, string> = { accept: 'Accept', remediate: 'Open a change for', suppress: 'Suppress' };

/** One rule per CI and source, narrowed to each attribute of a modified finding (a rule must name every one). */
function suppressionMatches(findings: readonly FindingView[]): { source: string; ci: string; attribute?: string }[] {
  const out = new Map<string, { source: string; ci: string; attribute?: string }>();
  for (const f of findings) {
    const attrs = f.kind === 'modified' ? f.attributes.map((a) => a.name) : [undefined];
    for (const attribute of attrs) {
      const m = { source: f.source, ci: f.ref, ...(attribute ? { attribute } : {}) };
      out.set(JSON.stringify(m), m);
    }
  }
  return [...out.values()];
}

/** Where a resolved finding led: the revision that accepted it or the change that remediates it. */
export function ResolutionLink(props: { finding: FindingView }) {
  const r = props.finding.resolution;
  if (!r) return null;
  const ref = r.ref;
  const rev = ref && /^r(\d+)$/.exec(ref)?.[1];
  return (
    <div className="small resolution">
      {r.kind} by {r.by}
      {ref &&
        (rev ? (
          <>
            {' '}
            in <Link to={`/history/diff?from=${Number(rev) - 1}&to=${rev}`}>revision {rev}</Link>
          </>
        ) : ref.startsWith('CHG-') ? (
          <>
            {' '}
            by <Link to={`/changes/${ref}`}>{ref}</Link>
          </>
        ) : (
          <> ({ref})</>
        ))}
    </div>
  );
}

import { useState } from 'react';
import { DeployError } from './gate-lines.js';

/**
 * A promote or rollback button that asks before it acts: the question names the release and the
 * environment, the answer is sent on confirmation, and a refusal (the gates denying meanwhile, a
 * deployment under way) is shown under the question, one line per failing gate.
 */
export function DeployAction(props: {
  /** The button's word: Promote, Roll back. */
  verb: string;
  /** What the button does, in full, for its accessible name and the question: `Promote service/cart 1.5.1 into test`. */
  what: string;
  /** The gates allow it now: the button is the primary one. */
  allowed: boolean;
  act: () => Promise<unknown>;
  /** Told with a sentence of what was done, once it was. */
  onDone: (notice: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await props.act();
      setOpen(false);
      props.onDone(`Done: ${props.what}.`);
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  if (!open)
    return (
      <button
        type="button"
        className={`btn btn-small ${props.allowed ? 'btn-primary' : ''}`}
        aria-label={props.what}
        onClick={() => setOpen(true)}
      >
        {props.verb}
      </button>
    );
  return (
    <div className="deploy-confirm" role="group" aria-label={`Confirm: ${props.what}`}>
      <p>{props.what}?</p>
      {!props.allowed && (
        <p className="muted small">The gates deny it now: the server will refuse unless that changed.</p>
      )}
      <DeployError error={error} />
      <div className="action-buttons">
        <button type="button" className="btn btn-small btn-primary" disabled={busy} onClick={() => void confirm()}>
          {busy ? 'Working…' : `Confirm: ${props.verb.toLowerCase()}`}
        </button>
        <button
          type="button"
          className="btn btn-small btn-ghost"
          onClick={() => {
            setOpen(false);
            setError(undefined);
          }}
        >
          Cancel
        </button>
      </div>
    </div>
  );
}

import { ProblemError } from '../../../../src/client/errors.js';
import type { GateAnswerView } from '../../../../src/contracts/deployment.contracts.js';
import { errorText } from '../../ui/error-text.js';

/** allow or deny, as a pill. */
export function DecisionBadge(props: { decision: 'allow' | 'deny' }) {
  return (
    <span className={`badge tone-${props.decision === 'allow' ? 'ok' : 'bad'}`}>
      {props.decision === 'allow' ? 'Gates allow' : 'Gates deny'}
    </span>
  );
}

/** The failing gates of an answer, one line each (`gate: reason`), as the server words them. */
export function GateReasons(props: { answer: Pick<GateAnswerView, 'decision' | 'reasons'> }) {
  if (props.answer.decision === 'allow') return null;
  return (
    <ul className="gate-reasons">
      {props.answer.reasons.map((r) => (
        <li key={r}>{r}</li>
      ))}
    </ul>
  );
}

/**
 * An error of a promotion or rollback: a refusal by the gates (PROMOTION_DENIED) as one line per
 * failing gate under its sentence's head; any other as its sentence.
 */
export function DeployError(props: { error: Error | undefined }) {
  const { error } = props;
  if (!error) return null;
  if (error instanceof ProblemError && error.code === 'PROMOTION_DENIED' && error.errors.length > 0) {
    const head = error.message.slice(0, error.message.indexOf(':'));
    return (
      <div className="alert alert-error" role="alert">
        <strong>{head}:</strong>
        <ul className="gate-reasons">
          {error.errors.map((e) => (
            <li key={e.path}>
              {e.path}: {e.message}
            </li>
          ))}
        </ul>
      </div>
    );
  }
  return (
    <div className="alert alert-error" role="alert">
      {errorText(error)}
    </div>
  );
}

import type { ReactNode } from 'react';
import { ErrorBox } from './widgets.js';

type Tone = 'primary' | 'danger' | undefined;

/**
 * A row of buttons, one per action on offer; the chosen one shows as selected. What each action
 * does is the page's business: choosing one opens its `ActionForm`.
 */
export function ActionChoice<A extends string>(props: {
  actions: readonly A[];
  chosen: A | undefined;
  label: (action: A) => string;
  tone: (action: A) => Tone;
  onChoose: (action: A) => void;
}) {
  return (
    <div className="action-buttons">
      {props.actions.map((a) => {
        const tone = props.tone(a);
        return (
          <button
            key={a}
            type="button"
            className={`btn ${props.chosen === a ? 'btn-selected' : tone ? `btn-${tone}` : ''}`}
            onClick={() => props.onChoose(a)}
          >
            {props.label(a)}
          </button>
        );
      })}
    </div>
  );
}

/**
 * The short form an action opens: its own fields (children), then the comment box every decision
 * has, what is missing before it can be sent, the server's refusal, and Confirm / Cancel. A
 * required comment is marked and announced as such; the page checks it and says what is missing.
 */
export function ActionForm(props: {
  comment: { label: string; required: boolean; placeholder: string; value: string; rows: number };
  onComment: (text: string) => void;
  missing: string | undefined;
  error: Error | undefined;
  busy: boolean;
  confirm: { label: string; danger: boolean };
  onSubmit: () => void;
  onCancel: () => void;
  children?: ReactNode;
}) {
  const { comment, confirm } = props;
  return (
    <form
      className="action-form"
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit();
      }}
    >
      {props.children}
      <label>
        <span className={comment.required ? 'required' : undefined}>{comment.label}</span>
        <textarea
          name="comment"
          rows={comment.rows}
          value={comment.value}
          onChange={(e) => props.onComment(e.target.value)}
          placeholder={comment.placeholder}
          aria-required={comment.required}
        />
      </label>
      {props.missing && (
        <div className="field-error" role="alert">
          {props.missing}
        </div>
      )}
      <ErrorBox error={props.error} />
      <div className="action-buttons">
        <button type="submit" className={`btn ${confirm.danger ? 'btn-danger' : 'btn-primary'}`} disabled={props.busy}>
          {props.busy ? 'Working…' : `Confirm: ${confirm.label}`}
        </button>
        <button type="button" className="btn btn-ghost" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

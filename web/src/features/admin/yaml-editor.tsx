import { useEffect, useState } from 'react';
import { parse, YAMLParseError } from 'yaml';
import { ProblemError } from '../../../../src/client/errors.js';

/** What the editor found in its text: a YAML mistake (with its line), the server's field errors, or fine. */
export type Verdict =
  | { kind: 'checking' }
  | { kind: 'syntax'; message: string }
  | { kind: 'invalid'; message: string; errors: { path: string; message: string }[] }
  | { kind: 'valid'; message: string };

/** The document as data, or the YAML mistake in words with its line. */
export function parseYaml(text: string): { value: unknown } | { error: string } {
  try {
    return { value: parse(text) as unknown };
  } catch (e) {
    if (e instanceof YAMLParseError) {
      const line = e.linePos?.[0].line;
      return { error: `${line ? `Line ${line}: ` : ''}${e.message.split('\n')[0] ?? 'not valid YAML'}` };
    }
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * Checks the text as it is typed (after a pause): first as YAML here, then with `check` on the
 * server, which writes nothing. `check` answers the sentence to show when the document is valid.
 */
export function useYamlCheck(text: string, check: (document: unknown) => Promise<string>, enabled = true): Verdict {
  const [verdict, setVerdict] = useState<Verdict>({ kind: 'checking' });
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    setVerdict({ kind: 'checking' });
    const timer = setTimeout(() => {
      const parsed = parseYaml(text);
      if ('error' in parsed) {
        setVerdict({ kind: 'syntax', message: parsed.error });
        return;
      }
      check(parsed.value).then(
        (message) => live && setVerdict({ kind: 'valid', message }),
        (e: unknown) =>
          live &&
          setVerdict(
            e instanceof ProblemError
              ? { kind: 'invalid', message: e.message, errors: e.errors }
              : { kind: 'invalid', message: e instanceof Error ? e.message : String(e), errors: [] },
          ),
      );
    }, 400);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // `check` is a fresh closure on each render; the text is what matters.
  }, [text, enabled]);
  return verdict;
}

/** The verdict under the editor, read out to screen readers as it changes. */
export function VerdictLine(props: { verdict: Verdict }) {
  const v = props.verdict;
  return (
    <div className="verdict" role="status" aria-live="polite">
      {v.kind === 'checking' && <span className="muted">Checking…</span>}
      {v.kind === 'syntax' && <div className="alert alert-error">Not valid YAML. {v.message}</div>}
      {v.kind === 'invalid' && (
        <div className="alert alert-error">
          {v.message}
          {v.errors.length > 1 && (
            <ul>
              {v.errors.map((e, i) => (
                <li key={i}>
                  <code>{e.path}</code> {e.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {v.kind === 'valid' && <div className="alert alert-success">{v.message}</div>}
    </div>
  );
}

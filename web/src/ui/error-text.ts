import { ProblemError } from '../../../src/client/errors.js';

/** Words a field of a request has in the forms, for the sentences a person reads. */
const FIELD_WORDS: Record<string, string> = {
  comment: 'the comment',
  notes: 'the notes',
  outcome: 'the outcome',
  overrideReason: 'the reason',
  ref: 'the reference',
  label: 'a label filter',
  q: 'the search text',
  window: 'the window',
  'window.start': 'the window’s start',
  'window.end': 'the window’s end',
};

/**
 * The sentence a person reads in the browser for an error. The server's sentences serve every
 * face, and some name the command-line way out (`cairn …`, `--override-reason`): those hints are
 * dropped or reworded here. A request the server's schema refused ("querystring.label[0] must
 * match …") is said in words about the field, never as the raw schema message.
 */
export function errorText(error: Error): string {
  if (!(error instanceof ProblemError)) return error.message;
  if (error.code === 'VALIDATION_FAILED' || error.code === 'FST_ERR_VALIDATION') {
    const fields = error.errors.map((e) => fieldWord(e.path));
    return fields.length > 0
      ? `Please check ${[...new Set(fields)].join(', ')}: the server could not read ${fields.length === 1 ? 'it' : 'them'}.`
      : 'The server could not read the request; please check the form.';
  }
  return forTheBrowser(error.message);
}

function fieldWord(path: string): string {
  const key = path.replace(/^(body|querystring|params)[./]?/, '').replace(/\[\d+\]$/, '');
  return FIELD_WORDS[key] ?? (key === '' ? 'the form' : `“${key}”`);
}

/** Rewords the command-line hints of a server sentence for a person in the browser. */
export function forTheBrowser(text: string): string {
  return (
    text
      // "(see `cairn change list`)", "(`cairn change schedule …`)": pointers to commands go.
      .replace(/\s*\((?:see )?`cairn [^`]*`\)/g, '')
      // "… with `cairn change create`" and "… run `cairn audit verify`": the command goes, the advice stays.
      .replace(/:?\s*open a change with `cairn change create`/g, ': raise a change for it')
      .replace(/`cairn [^`]*`/g, 'the command line')
      // Options: "--override-reason \"…\"" → "a reason"; "--start and --end" → "a start and an end".
      .replace(/with --override-reason(?: "…")?/g, 'with a reason')
      .replace(/--start and --end/g, 'a start and an end')
      .replace(/--emergency --reason "…"/g, 'an emergency write with a reason')
      .replace(/\s*--[a-z][a-z-]*/g, '')
      .replace(/\s+\./g, '.')
  );
}

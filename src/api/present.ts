import { InputError } from '../core/shared/errors.js';

export { outcomeJson } from '../core/ci/write-views.js';



/** Opaque page cursors: base64url JSON, so clients cannot come to depend on their content. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor<T>(cursor: string, check: (v: unknown) => v is T): T {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (check(v)) return v;
  } catch {
    // fall through to the error below
  }
  throw new InputError('INVALID_CURSOR', 'the cursor is not one this API gave out: start again without it', [{ path: 'query.cursor', message: 'is not a cursor from a previous page' }]);
}

/** `k=v` pairs of repeated query parameters. */
export function pairs(values: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of values ?? []) {
    const eq = p.indexOf('=');
    out[p.slice(0, eq)] = p.slice(eq + 1);
  }
  return out;
}

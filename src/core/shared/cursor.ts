import { InputError } from './errors.js';

/** Opaque page cursors: base64url JSON, so that clients cannot come to depend on their content. */
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
  throw new InputError('INVALID_CURSOR', 'the cursor is not one Cairn gave out: start again without it', [
    { path: 'cursor', message: 'is not a cursor from a previous page' },
  ]);
}

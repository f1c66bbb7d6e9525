import { parseRef, type CiRef } from '../../core/ci/desired-state.js';
import { InputError } from '../../core/shared/errors.js';
import type { Principal } from '../../core/auth/permissions.js';
import type { WriteMeta } from '../../core/revision/revision.types.js';
import { principalOf } from '../request-context.js';
import type { ApiServices } from '../services.js';

/** Resolves `?at=` (revision, baseline, CHG-n or time) to a revision number. */
export async function resolveAt(s: ApiServices, at: string | undefined): Promise<number | undefined> {
  return at === undefined ? undefined : s.history.resolvePoint(at);
}

export function refArg(text: string, path: string): CiRef {
  const ref = parseRef(text);
  if (!ref)
    throw new InputError('INVALID_REF', `"${text}" is not a CI reference: write it as class/name`, [
      { path, message: 'must be class/name' },
    ]);
  return ref;
}

/** Who writes and why, for a revision made through the API. */
export function meta(req: { principal?: Principal }, message: string): WriteMeta {
  const principal = principalOf(req);
  return {
    author: principal.name,
    message,
    source: 'api',
    ...(principal.roles.includes('admin') ? { admin: true } : {}),
  };
}

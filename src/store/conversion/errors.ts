import { ConflictError } from '../../core/shared/errors.js';

/**
 * Turns a driver's unique violation into a ConflictError saying `${what} already exists` (or the
 * caller's own error, when it has a better sentence); rethrows anything else.
 */
export function convertError(e: unknown, what: string | ConflictError): never {
  const err = e as { code?: string; message?: string };
  // SQLite: SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY; PostgreSQL: 23505 unique_violation.
  if (err.code === '23505' || err.code === 'SQLITE_CONSTRAINT_UNIQUE' || err.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    throw typeof what === 'string' ? new ConflictError('CONFLICT', `${what} already exists`) : what;
  }
  throw e;
}

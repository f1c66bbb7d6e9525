import { InputError } from '../shared/errors.js';
import type { Period } from './change-metrics.js';

/** The period as UTC ISO times (so they compare with the records' times as text), from before to. */
export function periodOf(period: Period): Period {
  const [from, to] = (['from', 'to'] as const).map((field) => {
    const t = Date.parse(period[field]);
    if (Number.isNaN(t))
      throw new InputError('INVALID_TIME', `${field}: "${period[field]}" is not a valid ISO-8601 time`, [
        { path: field, message: 'must be an ISO-8601 time' },
      ]);
    return new Date(t).toISOString();
  }) as [string, string];
  if (to <= from)
    throw new InputError(
      'INVALID_TIME',
      `the period must end after it starts: to (${to}) is not after from (${from})`,
      [{ path: 'to', message: 'must be after from' }],
    );
  return { from, to };
}

import { describeFieldErrors, InputError, type FieldError } from '../shared/errors.js';
import type { InputScope } from '../import/input-scope.js';

/** What an observation covers (the same as an import's input scope). */
export type ObservationScope = InputScope;

/** The longest list and name a scope takes (the API's schema sets the same bounds). */
const MAX_NAMES = 500;
const MAX_NAME = 200;

/** Checks a scope as a face received it; InputError (DRIFT_SCOPE_INVALID) naming each bad field. */
export function checkScope(
  scope: ObservationScope | undefined,
  knownClass: (name: string) => boolean,
): ObservationScope | undefined {
  if (scope === undefined) return undefined;
  const errors: FieldError[] = [];
  const names = (list: string[] | undefined, path: string, known?: (n: string) => boolean) => {
    if (list === undefined) return;
    if (list.length === 0) errors.push({ path, message: 'must name at least one, or be left out' });
    if (list.length > MAX_NAMES) errors.push({ path, message: `names more than ${MAX_NAMES}` });
    list.forEach((n, i) => {
      if (n.trim() === '' || n.length > MAX_NAME)
        errors.push({ path: `${path}[${i}]`, message: `must be 1 to ${MAX_NAME} characters` });
      else if (known && !known(n)) errors.push({ path: `${path}[${i}]`, message: `"${n}" is not a class` });
    });
  };
  names(scope.classes, 'scope.classes', knownClass);
  names(scope.sources, 'scope.sources');
  if (errors.length > 0)
    throw new InputError(
      'DRIFT_SCOPE_INVALID',
      describeFieldErrors('the observation scope is invalid', errors),
      errors,
    );
  const out: ObservationScope = {};
  if (scope.classes) out.classes = [...new Set(scope.classes)];
  if (scope.sources) out.sources = [...new Set(scope.sources)];
  if (scope.partial === true) out.partial = true;
  return Object.keys(out).length > 0 ? out : undefined;
}

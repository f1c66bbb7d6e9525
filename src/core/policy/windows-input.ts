import type { FieldError } from '../shared/errors.js';
import { asList } from '../shared/schema-words.js';
import { parseDuration, parseInstant, toIso } from '../schedule/time.js';
import { compileRule } from '../schedule/recurrence.js';
import type { FreezeWindow, MaintenanceWindow, RecurringWindow } from '../schedule/windows.js';
import type { FreezeWindowDocument, MaintenanceWindowDocument } from './windows.schema.js';

/** Reads the `freeze:` list of policy.yaml, whose shape is checked. */
export function readFreezes(docs: FreezeWindowDocument[], errors: FieldError[]): FreezeWindow[] {
  return readList(docs, 'freeze', errors, (w, doc) => {
    const out: FreezeWindow = w;
    if (doc.scope !== undefined) {
      out.scope = {};
      if (doc.scope.services !== undefined) out.scope.services = asList(doc.scope.services);
      if (doc.scope.environments !== undefined) out.scope.environments = asList(doc.scope.environments);
    }
    return out;
  });
}

/** Reads the `maintenance:` list of policy.yaml; each window names the CIs or services it serves. */
export function readMaintenance(docs: MaintenanceWindowDocument[], errors: FieldError[]): MaintenanceWindow[] {
  return readList(docs, 'maintenance', errors, (w, doc, path) => {
    const out: MaintenanceWindow = w;
    if (doc.cis !== undefined) out.cis = asList(doc.cis);
    if (doc.services !== undefined) out.services = asList(doc.services);
    if ((out.cis ?? []).length === 0 && (out.services ?? []).length === 0) {
      errors.push({ path, message: 'must name the cis or services it applies to' });
    }
    return out;
  });
}

function readList<D extends FreezeWindowDocument | MaintenanceWindowDocument, T extends RecurringWindow>(
  docs: D[],
  key: string,
  errors: FieldError[],
  finish: (w: RecurringWindow, doc: D, path: string) => T,
): T[] {
  const names = new Set<string>();
  const out: T[] = [];
  docs.forEach((doc, i) => {
    const path = `${key}[${i}]`;
    const w = readWindow(doc, path, errors);
    if (!w) return;
    if (names.has(w.name))
      errors.push({ path: `${path}.name`, message: `"${w.name}" is used by another ${key} window` });
    names.add(w.name);
    out.push(finish(w, doc, path));
  });
  return out;
}

/** The rules of one window: times with a zone, end after start, end or duration (not both), a valid RRULE. */
function readWindow(doc: FreezeWindowDocument, path: string, errors: FieldError[]): RecurringWindow | undefined {
  const start = parseInstant(doc.start);
  if (start === undefined) {
    errors.push({ path: `${path}.start`, message: 'must be an ISO-8601 time with a zone, e.g. 2026-12-20T00:00:00Z' });
    return undefined;
  }
  const w: RecurringWindow = { name: doc.name, start: toIso(start) };
  if (doc.end !== undefined) {
    const end = parseInstant(doc.end);
    if (end === undefined || end <= start)
      errors.push({ path: `${path}.end`, message: 'must be an ISO-8601 time with a zone, after start' });
    else w.end = toIso(end);
  }
  if (doc.duration !== undefined) {
    if (parseDuration(doc.duration) === undefined) {
      errors.push({
        path: `${path}.duration`,
        message: 'must be an ISO-8601 duration in weeks, days, hours or minutes, e.g. PT4H or P1D',
      });
    } else w.duration = doc.duration;
  }
  if (doc.end !== undefined && doc.duration !== undefined)
    errors.push({ path, message: 'give either end or duration, not both' });
  else if (doc.end === undefined && doc.duration === undefined)
    errors.push({ path, message: 'needs an end or a duration' });
  if (doc.rrule !== undefined) {
    try {
      compileRule(doc.rrule, start);
      w.rrule = doc.rrule;
    } catch (e) {
      errors.push({ path: `${path}.rrule`, message: `is not a valid RRULE: ${(e as Error).message}` });
    }
  }
  if (doc.description !== undefined) w.description = doc.description;
  return w;
}

import { isRecord, type FieldChecks } from '../shared/field-checks.js';
import { parseDuration, parseInstant, toIso } from '../schedule/time.js';
import { compileRule, type FreezeWindow, type MaintenanceWindow, type RecurringWindow } from '../schedule/windows.js';

/** Reads the `freeze:` list of policy.yaml. */
export function readFreezes(c: FieldChecks, raw: unknown): FreezeWindow[] {
  return readList(c, raw, 'freeze', ['scope'], (w, doc, path) => {
    const out: FreezeWindow = w;
    if (doc.scope !== undefined) {
      const scope = c.record(doc.scope, `${path}.scope`);
      if (scope) {
        c.knownKeys(scope, ['services', 'environments'], `${path}.scope`);
        out.scope = {};
        if (scope.services !== undefined) out.scope.services = c.textList(scope.services, `${path}.scope.services`);
        if (scope.environments !== undefined)
          out.scope.environments = c.textList(scope.environments, `${path}.scope.environments`);
      }
    }
    return out;
  });
}

/** Reads the `maintenance:` list of policy.yaml; each window names the CIs or services it serves. */
export function readMaintenance(c: FieldChecks, raw: unknown): MaintenanceWindow[] {
  return readList(c, raw, 'maintenance', ['cis', 'services'], (w, doc, path) => {
    const out: MaintenanceWindow = w;
    if (doc.cis !== undefined) out.cis = c.textList(doc.cis, `${path}.cis`);
    if (doc.services !== undefined) out.services = c.textList(doc.services, `${path}.services`);
    if ((out.cis ?? []).length === 0 && (out.services ?? []).length === 0) {
      c.add(path, 'must name the cis or services it applies to');
    }
    return out;
  });
}

function readList<T extends RecurringWindow>(
  c: FieldChecks,
  raw: unknown,
  key: string,
  extraKeys: string[],
  finish: (w: RecurringWindow, doc: Record<string, unknown>, path: string) => T,
): T[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    c.add(key, 'must be a list');
    return [];
  }
  const names = new Set<string>();
  const out: T[] = [];
  raw.forEach((item, i) => {
    const path = `${key}[${i}]`;
    if (!isRecord(item)) {
      c.add(path, 'must be a mapping (key: value)');
      return;
    }
    c.knownKeys(item, ['name', 'start', 'end', 'duration', 'rrule', 'description', ...extraKeys], path);
    const w = readWindow(c, item, path);
    if (!w) return;
    if (names.has(w.name)) c.add(`${path}.name`, `"${w.name}" is used by another ${key} window`);
    names.add(w.name);
    out.push(finish(w, item, path));
  });
  return out;
}

function readWindow(c: FieldChecks, doc: Record<string, unknown>, path: string): RecurringWindow | undefined {
  const name = c.text(doc.name, `${path}.name`);
  const start = parseInstant(doc.start);
  if (start === undefined) c.add(`${path}.start`, 'must be an ISO-8601 time with a zone, e.g. 2026-12-20T00:00:00Z');
  if (name === undefined || start === undefined) return undefined;
  const w: RecurringWindow = { name, start: toIso(start) };
  if (doc.end !== undefined) {
    const end = parseInstant(doc.end);
    if (end === undefined || end <= start) c.add(`${path}.end`, 'must be an ISO-8601 time with a zone, after start');
    else w.end = toIso(end);
  }
  if (doc.duration !== undefined) {
    if (typeof doc.duration !== 'string' || parseDuration(doc.duration) === undefined) {
      c.add(`${path}.duration`, 'must be an ISO-8601 duration in weeks, days, hours or minutes, e.g. PT4H or P1D');
    } else w.duration = doc.duration;
  }
  if (doc.end !== undefined && doc.duration !== undefined) c.add(path, 'give either end or duration, not both');
  else if (doc.end === undefined && doc.duration === undefined) c.add(path, 'needs an end or a duration');
  if (doc.rrule !== undefined) {
    if (typeof doc.rrule !== 'string') c.add(`${path}.rrule`, 'must be an RRULE string, e.g. FREQ=WEEKLY;BYDAY=SA');
    else {
      try {
        compileRule(doc.rrule, start);
        w.rrule = doc.rrule;
      } catch (e) {
        c.add(`${path}.rrule`, `is not a valid RRULE: ${(e as Error).message}`);
      }
    }
  }
  if (typeof doc.description === 'string') w.description = doc.description;
  return w;
}

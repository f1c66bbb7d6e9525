import type { Change } from '../change/change.types.js';
import type { Environment } from '../policy/environments.js';
import type { FreezeWindow } from '../schedule/windows.js';
import { expandOccurrences } from '../schedule/windows.js';
import { toIso } from '../schedule/time.js';
import type { Deployment, GateResult, PromotionApproval } from './deployment.types.js';
import type { Release } from './release.types.js';

/** How a controlled environment's promotion would be authorized, found before the gates are answered. */
export type ChangeCover =
  /** The CMDB does not describe the service in this environment: no CI updates to authorize. */
  | { kind: 'elsewhere'; cmdbEnvironment: string }
  /** An authorized or scheduled change whose plan is the release's CI updates. */
  | { kind: 'change'; change: Pick<Change, 'ref' | 'state' | 'window'> }
  /** A standard-change template fits the CI updates: a change will be opened and authorized. */
  | { kind: 'template'; template: string }
  | { kind: 'none' };

/** Everything the gates read, gathered by the promotion service. */
export interface GateFacts {
  release: Pick<Release, 'service' | 'version' | 'state' | 'requestedBy'>;
  environment: Environment;
  /** The environment before it in the promotion order; none for the first. */
  previous: Environment | undefined;
  /** Deployments into the previous environment (all releases of the service), oldest first. */
  previousDeployments: readonly Deployment[];
  approvals: readonly PromotionApproval[];
  /** The freeze windows that apply to the environment (its own, the policy's it names or that scope it). */
  freezes: readonly FreezeWindow[];
  cover: ChangeCover;
  /** Now, UTC milliseconds. */
  now: number;
  /** The emergency path: why the previous-environment, approvals and freeze gates are overridden. */
  emergency?: string;
}

/**
 * Answers each gate of a promotion, in order: the release is approved; it was deployed and
 * verified (a succeeded deployment, not rolled back since) in the previous environment; the
 * approvals the environment requires were given by members of its groups other than the release's
 * requester; no freeze window is in force; where the environment is under change control, a change
 * authorizes it. On the emergency path the middle three pass as overridden; the release must still
 * be approved, and the change is an emergency one.
 */
export function answerGates(f: GateFacts): GateResult[] {
  const gates = [releaseGate(f), previousGate(f), approvalsGate(f), freezeGate(f)].map((g) =>
    g.passed || f.emergency === undefined || g.gate === 'release'
      ? g
      : { ...g, passed: true, overridden: true, reason: `${g.reason} (overridden: emergency, ${f.emergency})` },
  );
  return [...gates, changeGate(f)];
}

/** The one-line denials of a gate answer, `gate: reason`. */
export function denials(gates: readonly GateResult[]): string[] {
  return gates.filter((g) => !g.passed).map((g) => `${g.gate}: ${g.reason}`);
}

function name(f: GateFacts): string {
  return `${f.release.service} ${f.release.version}`;
}

function releaseGate(f: GateFacts): GateResult {
  if (f.release.state === 'approved') return { gate: 'release', passed: true, reason: `${name(f)} is approved` };
  return {
    gate: 'release',
    passed: false,
    reason: `${name(f)} is ${f.release.state}: only an approved release is promoted`,
  };
}

function previousGate(f: GateFacts): GateResult {
  const prev = f.previous;
  if (!prev) return { gate: 'previous', passed: true, reason: `${f.environment.name} is the first environment` };
  const mine = f.previousDeployments.filter(
    (d) => d.service === f.release.service && d.version === f.release.version && d.state === 'succeeded',
  );
  const last = mine.at(-1);
  if (!last)
    return {
      gate: 'previous',
      passed: false,
      reason: `${name(f)} has not been deployed and verified in ${prev.name}`,
    };
  const undone = f.previousDeployments.find(
    (d) =>
      d.kind === 'rollback' &&
      d.state === 'succeeded' &&
      d.rollbackOf === f.release.version &&
      (d.finishedAt ?? d.startedAt) >= (last.finishedAt ?? last.startedAt),
  );
  if (undone)
    return {
      gate: 'previous',
      passed: false,
      reason: `${name(f)} was rolled back in ${prev.name} at ${undone.finishedAt ?? undone.startedAt}`,
    };
  return {
    gate: 'previous',
    passed: true,
    reason: `deployed and verified in ${prev.name} at ${last.finishedAt ?? last.startedAt}`,
  };
}

function approvalsGate(f: GateFacts): GateResult {
  const required = f.environment.require;
  if (required.length === 0)
    return { gate: 'approvals', passed: true, reason: `${f.environment.name} needs no approvals` };
  // A person counts once (for the first group they approved for), and never the release's requester.
  const counted = new Set<string>();
  const byGroup = new Map<string, string[]>();
  for (const a of f.approvals) {
    if (a.by === f.release.requestedBy || counted.has(a.by)) continue;
    counted.add(a.by);
    byGroup.set(a.group, [...(byGroup.get(a.group) ?? []), a.by]);
  }
  const missing = required
    .map((r) => ({ ...r, have: byGroup.get(r.group) ?? [] }))
    .filter((r) => r.have.length < r.quorum)
    .map((r) => `${r.quorum - r.have.length} more of ${r.group} (${r.have.length} of ${r.quorum} given)`);
  if (missing.length > 0)
    return {
      gate: 'approvals',
      passed: false,
      reason: `promotion into ${f.environment.name} needs ${missing.join(', ')}`,
    };
  const who = required.map((r) => `${r.group}: ${(byGroup.get(r.group) ?? []).join(', ')}`).join('; ');
  return { gate: 'approvals', passed: true, reason: `approved (${who})` };
}

function freezeGate(f: GateFacts): GateResult {
  for (const w of f.freezes) {
    const now = expandOccurrences(w, { start: f.now, end: f.now + 1 })[0];
    if (now)
      return {
        gate: 'freeze',
        passed: false,
        reason: `freeze window "${w.name}" is in force in ${f.environment.name} until ${toIso(now.end)}`,
      };
  }
  return { gate: 'freeze', passed: true, reason: `no freeze window is in force in ${f.environment.name}` };
}

function changeGate(f: GateFacts): GateResult {
  const env = f.environment.name;
  if (!f.environment.controlled) return { gate: 'change', passed: true, reason: `${env} is not under change control` };
  const c = f.cover;
  switch (c.kind) {
    case 'elsewhere':
      return {
        gate: 'change',
        passed: true,
        reason: `the CMDB describes ${f.release.service} in ${c.cmdbEnvironment}, not ${env}: no CI updates to authorize`,
      };
    case 'change': {
      const w = c.change.window;
      if (w && !(Date.parse(w.start) <= f.now && f.now < Date.parse(w.end)))
        return {
          gate: 'change',
          passed: false,
          reason: `${c.change.ref} covers it, but its window ${w.start} – ${w.end} is not open now`,
        };
      return { gate: 'change', passed: true, reason: `${c.change.ref} (${c.change.state}) authorizes it` };
    }
    case 'template':
      return {
        gate: 'change',
        passed: true,
        reason: `a standard change from template ${c.template} will be opened and authorized for it`,
      };
    case 'none':
      if (f.emergency !== undefined)
        return {
          gate: 'change',
          passed: true,
          overridden: true,
          reason: `an emergency change will be opened and implemented before authorization (emergency, ${f.emergency})`,
        };
      return {
        gate: 'change',
        passed: false,
        reason:
          `${env} is under change control and no authorized change covers ${name(f)}: ` +
          `raise one whose plan is the release's CI updates (\`cairn release change ${f.release.service} ${f.release.version}\`)`,
      };
  }
}

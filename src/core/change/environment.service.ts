import { chainHash } from './record-chain.js';
import { inChangeTx, type ChangeDeps } from './change-transaction.js';
import type { EnvironmentVersion } from './change.port.js';
import { canonicalJson } from '../shared/canonical.js';
import { NotFoundError } from '../shared/errors.js';
import { relaxationRefusal } from '../policy/control-relaxation.js';
import { defaultEnvironments, type Environment } from '../policy/environments.js';
import { validateEnvironments } from '../policy/environments-input.js';
import { defaultPolicy } from '../policy/policy.types.js';

/** What an environments version's hash covers. */
export function environmentsContent(
  v: Pick<EnvironmentVersion, 'version' | 'environments' | 'appliedAt' | 'appliedBy'>,
): unknown {
  return { version: v.version, environments: v.environments, appliedAt: v.appliedAt, appliedBy: v.appliedBy };
}

/** The environments in force and their version (0 for the built-in default). */
export interface EnvironmentsInForce {
  version: number;
  appliedAt: string | null;
  appliedBy: string | null;
  hash: string | null;
  environments: Environment[];
}

/** What applying (or checking) an environments.yaml did, or would do. */
export interface EnvironmentsApplied {
  version: number;
  changed: boolean;
  hash: string | null;
  appliedAt: string | null;
  appliedBy: string | null;
  environments: Environment[];
}

/**
 * Environments as data (development → test → staging → production by default), versioned like the
 * policy: each applied environments.yaml is a new version chained by hash to the one before, its
 * count kept beside it, and `audit verify` recomputes the chain.
 */
export class EnvironmentService {
  constructor(private readonly deps: Pick<ChangeDeps, 'store' | 'changes' | 'clock'>) {}

  /**
   * Validates the document against the policy in force and applies it as a new version; a
   * document equal to the environments in force writes nothing. Taking an environment out of
   * change control (or dropping a controlled one) is an admin's act, as in the policy.
   */
  async apply(raw: unknown, actor: string, rights: { relaxControl: boolean } = { relaxControl: true }) {
    return inChangeTx(this.deps, async (t): Promise<EnvironmentsApplied> => {
      const { environments } = validateEnvironments(raw, t.policy);
      const last = await t.w.currentEnvironments();
      const current = last?.environments ?? defaultEnvironments().environments;
      if (canonicalJson(current) === canonicalJson(environments))
        return { ...inForce(last), changed: false, environments: current };
      const leaving = leavingControl(current, environments);
      if (leaving.length > 0 && !rights.relaxControl) throw relaxationRefusal(`environment ${leaving.join(', ')}`);
      const header = { version: (last?.version ?? 0) + 1, environments, appliedAt: t.at, appliedBy: actor };
      const prevHash = last?.hash ?? null;
      const version: EnvironmentVersion = {
        ...header,
        hash: chainHash(environmentsContent(header), prevHash),
        prevHash,
      };
      await t.w.insertEnvironmentVersion(version);
      return { ...inForce(version), changed: true, environments };
    });
  }

  /** Checks a document as `apply` would, writing nothing: what would be in force, and whether it changes. */
  async check(raw: unknown): Promise<{ changed: boolean; leavingControl: string[]; environments: Environment[] }> {
    const policy = (await this.deps.changes.currentPolicy())?.policy ?? defaultPolicy();
    const { environments } = validateEnvironments(raw, policy);
    const current = (await this.current()).environments;
    return {
      changed: canonicalJson(current) !== canonicalJson(environments),
      leavingControl: leavingControl(current, environments),
      environments,
    };
  }

  /** The environments in force, in promotion order, with their version. */
  async current(): Promise<EnvironmentsInForce> {
    return inForce(await this.deps.changes.currentEnvironments());
  }

  /** Every applied version, oldest first (without their environments: see `version`). */
  async versions(): Promise<Omit<EnvironmentsInForce, 'environments'>[]> {
    return (await this.deps.changes.listEnvironmentVersions()).map(({ environments: _e, ...v }) => inForce(v));
  }

  /** One applied version, whole. */
  async version(n: number): Promise<EnvironmentsInForce> {
    const found = (await this.deps.changes.listEnvironmentVersions()).find((v) => v.version === n);
    if (!found) throw new NotFoundError('ENVIRONMENTS_VERSION_NOT_FOUND', `environments version ${n} does not exist`);
    return inForce(found);
  }
}

function inForce<V extends Partial<EnvironmentVersion>>(v: V | undefined) {
  return {
    version: v?.version ?? 0,
    appliedAt: v?.appliedAt ?? null,
    appliedBy: v?.appliedBy ?? null,
    hash: v?.hash ?? null,
    environments: v?.environments ?? defaultEnvironments().environments,
  };
}

/** Controlled environments that the next set drops or no longer controls. */
function leavingControl(current: Environment[], next: Environment[]): string[] {
  const controlled = new Set(next.filter((e) => e.controlled).map((e) => e.name.toLowerCase()));
  return current.filter((e) => e.controlled && !controlled.has(e.name.toLowerCase())).map((e) => e.name);
}

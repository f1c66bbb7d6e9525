import { chainHash } from './record-chain.js';
import { inChangeTx, type ChangeDeps } from './change-transaction.js';
import type { ChangeWriter, GroupRecord, PolicyVersion, UserRecord } from './change.port.js';
import { canonicalJson } from '../shared/canonical.js';
import { ConflictError, InputError, NotFoundError } from '../shared/errors.js';
import { pageOf, type ListPage, type PageRequest } from '../shared/page.js';
import { validatePolicy } from '../policy/policy-input.js';
import { defaultPolicy, type Policy } from '../policy/policy.types.js';
import { environmentsLeavingControl, relaxationRefusal } from '../policy/control-relaxation.js';
import { assertFullDocument } from '../policy/policy-completeness.js';
import { NotAllowedError } from '../shared/errors.js';

/**
 * What the one applying a policy may do beyond `change:manage`: the API derives it from the
 * caller's roles; the CLI on a local database holds every right.
 */
export interface PolicyRights {
  /** May change who is in a group (the right of the membership endpoint, `user:manage`). */
  manageMembers: boolean;
  /** May take environments out of change control (admins). */
  relaxControl: boolean;
}

const ALL_RIGHTS: PolicyRights = { manageMembers: true, relaxControl: true };

/** What a policy version's hash covers. */
export function policyContent(v: Pick<PolicyVersion, 'version' | 'policy' | 'appliedAt' | 'appliedBy'>): unknown {
  return { version: v.version, policy: v.policy, appliedAt: v.appliedAt, appliedBy: v.appliedBy };
}

const NAME = /^[a-z0-9][a-z0-9._@-]*$/i;

/**
 * Policy as data, versioned like classes: each applied policy.yaml is a new version chained by
 * hash to the one before. Also keeps the users and groups approvals are decided by.
 */
export class PolicyService {
  constructor(private readonly deps: Pick<ChangeDeps, 'store' | 'changes' | 'clock'>) {}

  /**
   * Validates and applies a policy; a policy equal to the current one writes nothing. The groups
   * it defines get exactly the members it lists (users named there are created if missing).
   */
  async apply(
    raw: unknown,
    actor: string,
    rights: PolicyRights = ALL_RIGHTS,
  ): Promise<{ version: PolicyVersion; changed: boolean }> {
    const policy = validatePolicy(raw);
    return inChangeTx(this.deps, async (t) => {
      const last = await t.w.currentPolicy();
      assertFullDocument(raw, last?.policy ?? defaultPolicy());
      if (last && canonicalJson(last.policy) === canonicalJson(policy)) return { version: last, changed: false };
      const leaving = environmentsLeavingControl(last?.policy ?? defaultPolicy(), policy);
      if (leaving.length > 0 && !rights.relaxControl) throw relaxationRefusal(`environment ${leaving.join(', ')}`);
      if (!rights.manageMembers) await assertMembersUnchanged(t.w, policy);
      const header = { version: (last?.version ?? 0) + 1, policy, appliedAt: t.at, appliedBy: actor };
      const version: PolicyVersion = {
        ...header,
        hash: chainHash(policyContent(header), last?.hash ?? null),
        prevHash: last?.hash ?? null,
      };
      await t.w.insertPolicyVersion(version);
      for (const g of policy.groups) {
        for (const m of g.members)
          if (!(await t.w.getUser(m)))
            await t.w.upsertUser({ name: m, email: null, displayName: null, createdAt: t.at, source: 'local' });
        await t.w.setGroupMembers(g.name, g.members);
      }
      return { version, changed: true };
    });
  }

  /**
   * Checks a policy document as `apply` would, writing nothing: its shape and rules, that it
   * leaves out no section of the policy in force, and whether applying it would change anything
   * or take environments out of change control (which only admins may). Throws POLICY_INVALID.
   */
  async check(raw: unknown): Promise<{ changed: boolean; leavingControl: string[] }> {
    const policy = validatePolicy(raw);
    const last = await this.deps.changes.currentPolicy();
    const current = last?.policy ?? defaultPolicy();
    assertFullDocument(raw, current);
    return {
      changed: canonicalJson(current) !== canonicalJson(policy),
      leavingControl: environmentsLeavingControl(current, policy),
    };
  }

  /** Applies a policy document and says what happened: `cairn policy apply` and POST /policy. */
  async applyDocument(
    raw: unknown,
    actor: string,
    rights?: PolicyRights,
  ): Promise<{ version: number; changed: boolean; hash: string; appliedAt: string; appliedBy: string }> {
    const { version, changed } = await this.apply(raw, actor, rights);
    return {
      version: version.version,
      changed,
      hash: version.hash,
      appliedAt: version.appliedAt,
      appliedBy: version.appliedBy,
    };
  }

  /** The policy in force and its version (0 for the built-in default). */
  async current(): Promise<{ version: number; appliedAt: string | null; appliedBy: string | null; policy: Policy }> {
    const v = await this.deps.changes.currentPolicy();
    return v
      ? { version: v.version, appliedAt: v.appliedAt, appliedBy: v.appliedBy, policy: v.policy }
      : { version: 0, appliedAt: null, appliedBy: null, policy: defaultPolicy() };
  }

  async addUser(name: string, options: { email?: string; displayName?: string } = {}): Promise<UserRecord> {
    if (!NAME.test(name))
      throw new InputError(
        'USER_NAME_INVALID',
        `"${name}" is not a valid user name: use letters, digits, dots, dashes, underscores or @`,
      );
    return inChangeTx(this.deps, async (t) => {
      const existing = await t.w.getUser(name);
      const user: UserRecord = {
        name,
        email: options.email ?? existing?.email ?? null,
        displayName: options.displayName ?? existing?.displayName ?? null,
        createdAt: existing?.createdAt ?? t.at,
        source: existing?.source ?? 'local',
      };
      await t.w.upsertUser(user);
      return user;
    });
  }

  async addGroup(name: string, description?: string): Promise<GroupRecord> {
    if (!NAME.test(name))
      throw new InputError(
        'GROUP_NAME_INVALID',
        `"${name}" is not a valid group name: use letters, digits, dots, dashes or underscores`,
      );
    return inChangeTx(this.deps, async (t) => {
      if (await t.w.getGroup(name)) throw new ConflictError('GROUP_EXISTS', `group ${name} already exists`);
      await t.w.insertGroup({ name, description: description ?? null });
      return { name, description: description ?? null, members: [], providerMembers: [] };
    });
  }

  async addMember(group: string, user: string): Promise<GroupRecord> {
    return inChangeTx(this.deps, async (t) => {
      if (!(await t.w.getUser(user)))
        throw new NotFoundError(
          'USER_NOT_FOUND',
          `user ${user} does not exist: add it with \`cairn user add ${user}\``,
        );
      await t.w.addGroupMember(group, user);
      return (await t.w.getGroup(group))!;
    });
  }

  listUsers(): Promise<UserRecord[]> {
    return this.deps.changes.listUsers();
  }

  listGroups(): Promise<GroupRecord[]> {
    return this.deps.changes.listGroups();
  }

  /** One page of the workflow's people, by name (`cairn user list`, GET /workflow/users). */
  async userPage(request: PageRequest): Promise<ListPage<UserRecord>> {
    return pageOf(await this.listUsers(), (u) => u.name, request);
  }

  /** One page of the approver groups with their members, by name. */
  async groupPage(request: PageRequest): Promise<ListPage<GroupRecord>> {
    return pageOf(await this.listGroups(), (g) => g.name, request);
  }
}

/**
 * Refuses a policy that would change who is in a group, for someone without the membership
 * endpoint's right: otherwise a change manager adds themselves to the CAB through the policy.
 */
async function assertMembersUnchanged(w: Pick<ChangeWriter, 'getGroup'>, policy: Policy): Promise<void> {
  for (const g of policy.groups) {
    const members = new Set((await w.getGroup(g.name))?.members ?? []);
    const added = g.members.filter((m) => !members.has(m));
    const removed = [...members].filter((m) => !g.members.includes(m));
    if (added.length > 0 || removed.length > 0)
      throw new NotAllowedError(
        'POLICY_MEMBERSHIP',
        `the policy would change the members of group ${g.name} (${[...added.map((m) => `+${m}`), ...removed.map((m) => `-${m}`)].join(', ')}): ` +
          'only someone who may manage users (an admin) may change group membership',
      );
  }
}

import type { CiRef } from '../ci/desired-state.js';
import type { Clock } from '../shared/clock.js';
import { ConflictError, InputError, NotAllowedError, NotFoundError, InvalidTransitionError } from '../shared/errors.js';
import type { IdGenerator } from '../shared/ids.js';
import type { OutboxEntry } from '../shared/outbox.js';
import { readRelease } from './release-input.js';
import type { ReleaseQuery, ReleaseStore } from './release.port.js';
import type { Release, ReleaseState } from './release.types.js';
import { compareVersionText } from './semver.js';

/** The events a release's steps record; the events module publishes them as webhooks. */
export type ReleaseEventType = 'release.created' | 'release.approved' | 'release.rejected';

export interface ReleaseDeps {
  releases: ReleaseStore;
  /** Finds the service's CI: a release is of a CI that exists. */
  cis: { find(ref: CiRef): Promise<unknown> };
  clock: Clock;
  ids: IdGenerator;
}

/** A page of releases, newest version first, with how many matched in all. */
export interface ReleasePage {
  items: Release[];
  total: number;
}

/**
 * Releases: a service CI at a semantic version, proposed by anyone who may request changes and
 * approved or rejected by a release manager who did not request it (segregation of duties, as
 * for changes). Promotion through environments builds on the approved ones.
 */
export class ReleaseService {
  private readonly listeners: (() => void)[] = [];

  constructor(private readonly deps: ReleaseDeps) {}

  /** Told after each write commits (the server relays the events it recorded at once). */
  onWrite(listener: () => void): void {
    this.listeners.push(listener);
  }

  private written(): void {
    for (const l of this.listeners) l();
  }

  /** Proposes a release of `service` at `version` (release.yaml's notes, artifacts and plan in `document`). */
  async create(service: string, version: string, document: unknown, actor: string): Promise<Release> {
    const draft = readRelease(service, version, document);
    const [cls, ...rest] = draft.service.split('/');
    if (!(await this.deps.cis.find({ class: cls!, name: rest.join('/') })))
      throw new NotFoundError('CI_NOT_FOUND', `${draft.service} does not exist: a release is of a service in the CMDB`);
    const release: Release = {
      id: this.deps.ids.next('rel'),
      ...draft,
      state: 'proposed',
      requestedBy: actor,
      createdAt: this.deps.clock.now().toISOString(),
      decidedBy: null,
      decidedAt: null,
      decisionComment: null,
    };
    if (await this.deps.releases.get(release.service, release.version)) throw exists(release);
    await this.deps.releases.insert(release, [event('release.created', release, actor)]);
    this.written();
    return release;
  }

  approve(service: string, version: string, actor: string, comment?: string): Promise<Release> {
    return this.decide(service, version, actor, 'approved', comment);
  }

  /** Rejects a proposed release; a reason is required, for the requester and the record. */
  async reject(service: string, version: string, actor: string, reason: string | undefined): Promise<Release> {
    if (!reason?.trim())
      throw new InputError('RELEASE_REASON_REQUIRED', 'a rejection needs a reason (comment)', [
        { path: 'comment', message: 'is required to reject' },
      ]);
    return this.decide(service, version, actor, 'rejected', reason);
  }

  async show(service: string, version: string): Promise<Release> {
    const release = await this.deps.releases.get(normalService(service), version);
    if (!release) throw new NotFoundError('RELEASE_NOT_FOUND', `${service} has no release ${version}`);
    return release;
  }

  /** Releases matching the query, newest version first (by semantic version, then by service), at most `limit`. */
  async list(query: ReleaseQuery & { limit?: number } = {}): Promise<ReleasePage> {
    const all = await this.deps.releases.list({
      ...query,
      ...(query.service ? { service: normalService(query.service) } : {}),
    });
    all.sort((a, b) => compareVersionText(b.version, a.version) || a.service.localeCompare(b.service));
    return { items: all.slice(0, query.limit ?? all.length), total: all.length };
  }

  private async decide(
    service: string,
    version: string,
    actor: string,
    to: Extract<ReleaseState, 'approved' | 'rejected'>,
    comment: string | undefined,
  ): Promise<Release> {
    const release = await this.show(service, version);
    const verb = to === 'approved' ? 'approve' : 'reject';
    if (release.state !== 'proposed')
      throw new InvalidTransitionError(
        'RELEASE_INVALID_TRANSITION',
        `${release.service} ${release.version} is ${release.state}: only a proposed release can be decided`,
      );
    if (release.requestedBy === actor)
      throw new NotAllowedError(
        'RELEASE_SOD',
        `${actor} requested ${release.service} ${release.version} and may not ${verb} it: another release manager must decide`,
      );
    const decided: Release = {
      ...release,
      state: to,
      decidedBy: actor,
      decidedAt: this.deps.clock.now().toISOString(),
      decisionComment: comment?.trim() ? comment.trim() : null,
    };
    const type = to === 'approved' ? 'release.approved' : 'release.rejected';
    if (!(await this.deps.releases.decide(decided, 'proposed', [event(type, decided, actor)])))
      throw new ConflictError('CONFLICT', `${release.service} ${release.version} was decided meanwhile: read it again`);
    this.written();
    return decided;
  }
}

function exists(r: Release): ConflictError {
  return new ConflictError('RELEASE_EXISTS', `${r.service} already has a release ${r.version}`);
}

/** `class/name` as given; a version text is checked by the caller. */
function normalService(service: string): string {
  return service.trim();
}

function event(type: ReleaseEventType, r: Release, actor: string): Omit<OutboxEntry, 'at'> {
  return {
    type,
    data: {
      release: { id: r.id, service: r.service, version: r.version, state: r.state, requestedBy: r.requestedBy },
      actor,
      ...(r.decisionComment ? { comment: r.decisionComment } : {}),
    },
  };
}

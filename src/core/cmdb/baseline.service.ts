import type { CmdbStore } from './cmdb.port.js';
import type { HistoryService } from './history.service.js';
import type { Baseline } from '../revision/revision.types.js';
import type { Clock } from '../shared/clock.js';
import { InputError, NotFoundError } from '../shared/errors.js';

const BASELINE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** A baseline with how many CIs its revision holds: `cairn baseline show`. */
export interface BaselineDetail extends Baseline {
  cis: number;
}

/**
 * Baselines: names for revisions. Creating one writes a single row whatever the CMDB's size:
 * the state it names is already in the version rows.
 */
export class BaselineService {
  constructor(private readonly deps: { store: CmdbStore; clock: Clock; history: HistoryService }) {}

  /** Names the revision of `at` (a revision, baseline, CHG-n or ISO time; absent: the head). */
  async create(input: { name: string; at?: string; author: string; description?: string }): Promise<Baseline> {
    if (!BASELINE_NAME.test(input.name) || /^r?\d+$/i.test(input.name)) {
      throw new InputError(
        'INVALID_BASELINE_NAME',
        `baseline name "${input.name}" must start with a letter or digit, use letters, digits, '.', '_' or '-', and not be a plain number (that reads as a revision)`,
      );
    }
    const at = input.at === undefined ? undefined : await this.deps.history.resolvePoint(input.at);
    return this.deps.store.write(async (tx) => {
      const head = await tx.head();
      const rev = at ?? head?.rev ?? 0;
      if (!head || rev < 1 || rev > head.rev)
        throw new NotFoundError('REVISION_NOT_FOUND', `revision ${rev} does not exist`);
      const baseline: Baseline = {
        name: input.name,
        rev,
        createdAt: this.deps.clock.now().toISOString(),
        author: input.author,
        description: input.description ?? '',
      };
      // A name already taken is the insert's unique violation, not a read before it: one round
      // trip less per baseline on PostgreSQL.
      await tx.insertBaseline(baseline);
      return baseline;
    });
  }

  async get(name: string): Promise<Baseline> {
    const b = await this.deps.store.getBaseline(name);
    if (!b) throw new NotFoundError('BASELINE_NOT_FOUND', `baseline ${name} does not exist`);
    return b;
  }

  /** The baseline and how many CIs existed at its revision. */
  async show(name: string): Promise<BaselineDetail> {
    const b = await this.get(name);
    return { ...b, cis: await this.deps.store.countCis({ at: b.rev }) };
  }

  list(): Promise<Baseline[]> {
    return this.deps.store.listBaselines();
  }
}

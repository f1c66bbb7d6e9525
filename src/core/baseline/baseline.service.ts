import type { CmdbStore } from '../ports/cmdb-store.port.js';
import type { Baseline } from '../revision/revision.types.js';
import type { Clock } from '../shared/clock.js';
import { ConflictError, InputError, NotFoundError } from '../shared/errors.js';

const BASELINE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/**
 * Baselines: names for revisions. Creating one writes a single row whatever the CMDB's size:
 * the state it names is already in the version rows.
 */
export class BaselineService {
  constructor(private readonly deps: { store: CmdbStore; clock: Clock }) {}

  async create(input: { name: string; rev?: number; author: string; description?: string }): Promise<Baseline> {
    if (!BASELINE_NAME.test(input.name) || /^r?\d+$/i.test(input.name)) {
      throw new InputError('INVALID_BASELINE_NAME', `baseline name "${input.name}" must start with a letter or digit, use letters, digits, '.', '_' or '-', and not be a plain number (that reads as a revision)`);
    }
    return this.deps.store.write(async (tx) => {
      const head = await tx.head();
      const rev = input.rev ?? head?.rev ?? 0;
      if (!head || rev < 1 || rev > head.rev) throw new NotFoundError('REVISION_NOT_FOUND', `revision ${rev} does not exist`);
      if (await tx.getBaseline(input.name)) throw new ConflictError('BASELINE_EXISTS', `baseline ${input.name} already exists`);
      const baseline: Baseline = { name: input.name, rev, createdAt: this.deps.clock.now().toISOString(), author: input.author, description: input.description ?? '' };
      await tx.insertBaseline(baseline);
      return baseline;
    });
  }

  async get(name: string): Promise<Baseline> {
    const b = await this.deps.store.getBaseline(name);
    if (!b) throw new NotFoundError('BASELINE_NOT_FOUND', `baseline ${name} does not exist`);
    return b;
  }

  list(): Promise<Baseline[]> {
    return this.deps.store.listBaselines();
  }
}

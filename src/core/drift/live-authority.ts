import type { AttributeAuthority } from '../cmdb/cmdb.service.js';
import type { CmdbReader } from '../cmdb/cmdb.port.js';
import type { DriftStore } from './drift.port.js';
import { loadAuthority } from './drift.service.js';

/**
 * Source authority rules for a long-running process (the server): `check` is the CMDB's write
 * hook and answers from the rules last loaded; `refresh()` reads the newest version number (one
 * indexed row) and reloads the rules only when it moved, so rules applied by a CLI or another
 * server take effect on this one's next write.
 */
export class LiveAuthority {
  private current: AttributeAuthority | undefined;
  private version = -1;
  private loading: Promise<void> | undefined;

  constructor(private readonly deps: { drift: DriftStore; cmdb: CmdbReader }) {}

  readonly check: AttributeAuthority = (className, attribute, source) =>
    this.current?.(className, attribute, source) ?? true;

  /** Reloads the rules if a newer version was stored; concurrent callers share one reload. */
  refresh(): Promise<void> {
    this.loading ??= this.reload().finally(() => (this.loading = undefined));
    return this.loading;
  }

  private async reload(): Promise<void> {
    const latest = await this.deps.drift.latestAuthority();
    const version = latest?.version ?? 0;
    if (version === this.version) return;
    this.current = await loadAuthority(this.deps.drift, this.deps.cmdb);
    this.version = version;
  }
}

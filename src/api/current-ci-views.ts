/** One kept answer of `GET /api/v1/cis/{class}/{name}`: its ETag and its JSON body. */
export interface CiViewAnswer {
  etag: string;
  json: string;
}

/** Answers kept at most: about half a kilobyte each, a few megabytes in all. */
const KEPT_ANSWERS = 10_000;

/**
 * The answers of `GET /api/v1/cis/{class}/{name}` for the current state, kept for as long as the
 * CMDB has not changed. Before serving one, the store's change stamp is asked (CmdbStore
 * .changeStamp: on SQLite two counters that move with any commit, by this process or another);
 * when it has moved, every answer kept is let go. A dashboard or a pipeline polling the same CIs
 * is then answered without reading the CI and writing its JSON again: about a third of the
 * server's CPU per request on SQLite (issue 14). Where the store cannot tell cheaply (PostgreSQL,
 * where asking would cost the round trip a read costs) nothing is kept.
 */
export class CurrentCiViews {
  /** The stamp the answers kept were read at; undefined while none may be kept. */
  private stamp: number | undefined;
  private readonly answers = new Map<string, CiViewAnswer>();

  constructor(
    private readonly changeStamp: () => number | undefined,
    private readonly capacity = KEPT_ANSWERS,
  ) {}

  /**
   * The answer kept for this reference (`class/name`) if the CMDB has not changed since it was
   * kept. Also returns the stamp now, which `keep` is given back with the answer read after it.
   */
  lookUp(key: string): { answer: CiViewAnswer | undefined; stamp: number | undefined } {
    const stamp = this.changeStamp();
    if (stamp !== this.stamp) {
      this.answers.clear();
      this.stamp = stamp;
    }
    return { answer: stamp === undefined ? undefined : this.answers.get(key), stamp };
  }

  /**
   * Keeps an answer read after `lookUp` gave `stamp`. The read saw that state or a later one; if
   * later, a commit came after the look-up and moved the stamp, and the next look-up lets the
   * answer go before serving anything. So no second stamp is asked here: a CI not kept costs one.
   */
  keep(key: string, stamp: number | undefined, answer: CiViewAnswer): void {
    if (stamp === undefined || this.stamp !== stamp) return;
    if (this.answers.size >= this.capacity && !this.answers.has(key)) {
      // The oldest kept goes first: a Map iterates in the order its keys were added.
      const oldest = this.answers.keys().next().value as string;
      this.answers.delete(oldest);
    }
    this.answers.set(key, answer);
  }
}

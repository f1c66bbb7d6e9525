/**
 * Positions of observed items by class and name, as a map of names per class: no `class/name`
 * string is made per item or per CI asked about (at a million items, making and hashing those
 * strings twice was a tenth of a drift check).
 */
export class RefPositions {
  private readonly byClass = new Map<string, Map<string, number>>();
  /** Distinct class/names held. */
  size = 0;

  get(cls: string, name: string): number | undefined {
    return this.byClass.get(cls)?.get(name);
  }

  /** Sets the position of `cls/name`, replacing any it had. */
  set(cls: string, name: string, at: number): void {
    let names = this.byClass.get(cls);
    if (!names) this.byClass.set(cls, (names = new Map<string, number>()));
    const before = names.size;
    names.set(name, at);
    this.size += names.size - before;
  }
}

/** One record `audit verify` found wrong: named for people (`revision 12`, `approval record 3`), and why. */
export interface AuditProblem {
  record: string;
  reason: string;
}

/**
 * Most problems one verification lists; past it only the count grows. A database rewritten
 * wholesale would otherwise produce a report as large as itself.
 */
export const MAX_PROBLEMS = 1000;

/** Every problem found, in the order found: verification goes on past the first, so a false alarm cannot hide a real one. */
export class ProblemList {
  readonly items: AuditProblem[] = [];
  count = 0;

  add(record: string, reason: string): void {
    this.count++;
    if (this.items.length < MAX_PROBLEMS) this.items.push({ record, reason });
  }
}

import type { DesiredCi, DesiredRelation } from '../../core/ci/desired-state.js';
import type { ImportBatch, ImportProblem } from '../../core/import/import.types.js';

/**
 * Gathers the records of one file with their line numbers into batches. Line numbers are kept in
 * plain arrays beside the records so that a good record costs no position object.
 */
export class RecordBatcher {
  private cis: DesiredCi[] = [];
  private ciLines: number[] = [];
  private relations: DesiredRelation[] = [];
  private relationLines: number[] = [];
  private issues: ImportProblem[] = [];
  private skipped: ImportProblem[] = [];

  constructor(
    readonly file: string,
    private readonly size: number,
  ) {}

  get full(): boolean {
    return this.cis.length + this.relations.length + this.issues.length >= this.size;
  }

  ci(ci: DesiredCi, line: number): void {
    this.cis.push(ci);
    this.ciLines.push(line);
  }

  relation(relation: DesiredRelation, line: number): void {
    this.relations.push(relation);
    this.relationLines.push(line);
  }

  issue(line: number | undefined, message: string): void {
    this.issues.push(
      line === undefined ? { file: this.file, message } : { file: this.file, location: `line ${line}`, message },
    );
  }

  /** A row left out with a note that is not a bad record (a repeat of an earlier row). */
  noteRepeatedRow(line: number, message: string): void {
    this.skipped.push({ file: this.file, location: `line ${line}`, message });
  }

  /** The records gathered so far as a batch (undefined when there are none); starts a new one. */
  take(): ImportBatch | undefined {
    if (this.cis.length + this.relations.length + this.issues.length + this.skipped.length === 0) return undefined;
    const { file, ciLines, relationLines } = this;
    const batch: ImportBatch = {
      cis: this.cis,
      relations: this.relations,
      issues: this.issues,
      ...(this.skipped.length > 0 ? { skipped: this.skipped } : {}),
      locate: (kind, i) => ({ file, location: `line ${(kind === 'ci' ? ciLines : relationLines)[i] ?? '?'}` }),
    };
    this.cis = [];
    this.ciLines = [];
    this.relations = [];
    this.relationLines = [];
    this.issues = [];
    this.skipped = [];
    return batch;
  }
}

import type { DesiredState } from '../core/ci/desired-state.js';

/** One input file, already read. Importers never touch the file system or the database. */
export interface ImportFile {
  /** The path as the user gave it; used in messages and to name the source. */
  path: string;
  text: string;
}

/** A record that could not be imported: where it is and why. */
export interface ImportIssue {
  file: string;
  /** `line 12`, `document 3, spec.selector`, `resources[4].instances[0]`, … */
  location?: string;
  message: string;
}

export interface ImportResult {
  /** What the input describes, in Cairn's desired-state format (classes it needs included). */
  state: DesiredState;
  /** Bad records, skipped from `state`. The caller decides whether to write anything. */
  issues: ImportIssue[];
}

export interface ImporterOptions {
  /**
   * A parsed mapping file (YAML/JSON) that overrides the importer's default mapping: which
   * class an input kind becomes, which fields become attributes, … Each importer documents
   * the keys it understands and rejects the ones it does not.
   */
  mapping?: Record<string, unknown>;
}

export interface Importer {
  /** The FORMAT word of `cairn import FORMAT FILE…`. */
  format: string;
  /** One line for `cairn import --help`. */
  description: string;
  parse(files: ImportFile[], options?: ImporterOptions): ImportResult;
}

import type { DesiredState } from '../core/ci/desired-state.js';
import type { InputScope } from '../core/import/input-scope.js';

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

/** Where a CI or relationship of the result was read. */
export interface ImportPosition {
  file: string;
  location?: string;
}

export interface ImportResult {
  /**
   * What the input describes, in Cairn's desired-state format (classes it needs included).
   * Relationships may point outside the input (`group:backstage/maintainers` defined in another
   * catalog): the import writes them to CIs the CMDB holds and keeps the others as unresolved
   * references until their target arrives.
   */
  state: DesiredState;
  /** Where each CI and relationship of `state` was read, index for index, for messages. */
  positions?: { cis: ImportPosition[]; relations: ImportPosition[] };
  /** Bad records, skipped from `state`. The caller decides whether to write anything. */
  issues: ImportIssue[];
  /**
   * Objects that are not inventory (a Kubernetes Event, a Backstage Template), left out with a
   * one-line note each: counted in the summary, never bad records.
   */
  skipped?: ImportIssue[];
  /**
   * Set when the input describes only part of what its source holds (a GLPI inventory marked
   * `partial`): `--prune` and drift then leave alone what lies outside it.
   */
  scope?: InputScope;
}

export interface ImporterOptions {
  /**
   * A parsed mapping file (YAML/JSON) that overrides the importer's default mapping: which
   * class an input kind becomes, which fields become attributes, … Each importer documents
   * the keys it understands and rejects the ones it does not.
   */
  mapping?: Record<string, unknown>;
  /**
   * Reads a file the input names — a Backstage Location's `targets`, a Compose `include` or
   * `extends.file` — by the path the importer resolved against the folder of the file naming it;
   * undefined when there is no such file. Without it, named files are not followed and the
   * importer says so. Importers still touch no file system: the caller decides what is read.
   */
  readFile?: (path: string) => string | undefined;
}

export interface Importer {
  /** The FORMAT word of `cairn import FORMAT FILE…`. */
  format: string;
  /** One line for `cairn import --help`. */
  description: string;
  parse(files: ImportFile[], options?: ImporterOptions): ImportResult;
}

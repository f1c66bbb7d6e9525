import type { DesiredCi, DesiredRelation, DesiredState } from '../../core/ci/desired-state.js';
import { DEFAULT_CLASSES } from '../../core/model/default-model.js';
import type { ClassDefinition } from '../../core/model/model.types.js';
import type { ImportIssue, ImportResult } from '../importer.types.js';
import { cleanString, plainRecord } from './plain-json.js';

/** Where a record came from, for issues. */
export interface SourcePosition {
  file: string;
  location?: string;
}

export const MAX_CI_NAME_LENGTH = 255;
const DEFAULT_CLASS_NAMES = new Set(DEFAULT_CLASSES.map((c) => c.name));

/** What to do when a CI with the same `class/name` is added again. */
export type DuplicatePolicy = 'merge' | 'report';

interface CiEntry {
  ci: DesiredCi;
  position: SourcePosition;
}

interface RelationEntry {
  relation: DesiredRelation;
  position: SourcePosition;
}

/**
 * Collects the CIs and relationships an importer finds, keeping the output valid: one CI per
 * `class/name` (merged key by key, or the repeat reported), one relationship per type, source
 * and target, attributes made plain JSON. Insertion order is kept, so output is deterministic.
 */
export class InventoryBuilder {
  private readonly cis = new Map<string, CiEntry>();
  private readonly relations = new Map<string, RelationEntry>();
  private readonly classes = new Map<string, ClassDefinition>();
  readonly issues: ImportIssue[] = [];
  readonly skipped: ImportIssue[] = [];
  /** CIs refused as bad records: a relationship to one is refused too, not left unresolved. */
  private readonly refused = new Set<string>();

  constructor(private readonly importer: string) {}

  issue(position: SourcePosition, message: string): void {
    const issue: ImportIssue = { file: position.file, message };
    if (position.location !== undefined) issue.location = position.location;
    this.issues.push(issue);
  }

  /** An object that is not inventory, left out with a one-line note (not a bad record). */
  skipNonInventory(position: SourcePosition, message: string): void {
    this.skipped.push({
      file: position.file,
      ...(position.location !== undefined ? { location: position.location } : {}),
      message,
    });
  }

  /** Declares a class the output needs beyond the default model. */
  declareClass(definition: ClassDefinition): void {
    if (!this.classes.has(definition.name)) this.classes.set(definition.name, definition);
  }

  hasCi(ref: string): boolean {
    return this.cis.has(ref);
  }

  /**
   * Adds a CI; returns its `class/name` reference, or undefined when it was rejected (an issue
   * is then recorded). A repeat is merged into the first (`merge`) or reported and left out
   * (`report`).
   */
  addCi(ci: DesiredCi, position: SourcePosition, onDuplicate: DuplicatePolicy = 'merge'): string | undefined {
    const name = cleanString(ci.name);
    if (name.trim() === '') return this.reject(position, `a ${ci.class} has no name`);
    if (name.length > MAX_CI_NAME_LENGTH) {
      this.refused.add(`${ci.class}/${name}`);
      return this.reject(
        position,
        `the ${ci.class} name "${name.slice(0, 40)}…" is longer than ${MAX_CI_NAME_LENGTH} characters`,
      );
    }
    const ref = `${ci.class}/${name}`;
    const clean = cleanCi({ ...ci, name });
    const existing = this.cis.get(ref);
    if (existing === undefined) {
      this.cis.set(ref, { ci: clean, position });
      return ref;
    }
    if (onDuplicate === 'report') {
      const first = existing.position.location
        ? `${existing.position.file} (${existing.position.location})`
        : existing.position.file;
      this.issue(position, `${ref} is defined twice; the first definition, in ${first}, is kept`);
      return undefined;
    }
    mergeCi(existing.ci, clean);
    return ref;
  }

  /** Adds a relationship; a repeat merges its attributes into the first. */
  addRelation(relation: DesiredRelation, position: SourcePosition): void {
    const key = `${relation.type}\u0000${relation.from}\u0000${relation.to}`;
    const existing = this.relations.get(key);
    const attributes = relation.attributes ? plainRecord(relation.attributes) : undefined;
    if (existing === undefined) {
      const clean: DesiredRelation = { type: relation.type, from: relation.from, to: relation.to };
      if (attributes && Object.keys(attributes).length > 0) clean.attributes = attributes;
      this.relations.set(key, { relation: clean, position });
    } else if (attributes && Object.keys(attributes).length > 0) {
      existing.relation.attributes = { ...existing.relation.attributes, ...attributes };
    }
  }

  /**
   * The desired state, the issues found and the objects skipped. A relationship to a CI outside
   * the input is kept (the import writes it to a CI the CMDB holds, or keeps it as an unresolved
   * reference); one to a CI refused here is refused.
   */
  build(): ImportResult {
    const relations: DesiredRelation[] = [];
    const relationAt: SourcePosition[] = [];
    for (const { relation, position } of this.relations.values()) {
      const refused = [relation.from, relation.to].filter((ref) => this.refused.has(ref) && !this.cis.has(ref));
      if (refused.length === 0) {
        relations.push(relation);
        relationAt.push(position);
      } else {
        this.issue(
          position,
          `${relation.type} from ${relation.from} to ${relation.to} left out: ${refused.join(' and ')} is a bad record`,
        );
      }
    }
    const entries = [...this.cis.values()];
    const cis = entries.map((entry) => entry.ci);
    for (const ci of cis) {
      if (!DEFAULT_CLASS_NAMES.has(ci.class) && !this.classes.has(ci.class)) {
        this.classes.set(ci.class, {
          name: ci.class,
          description: `Created by the ${this.importer} importer.`,
          attributes: { type: 'object' },
        });
      }
    }
    const state: DesiredState = { cis, relations };
    if (this.classes.size > 0) state.classes = [...this.classes.values()];
    return {
      state,
      issues: this.issues,
      skipped: this.skipped,
      positions: { cis: entries.map((e) => e.position), relations: relationAt },
    };
  }

  private reject(position: SourcePosition, message: string): undefined {
    this.issue(position, message);
    return undefined;
  }
}

function cleanCi(ci: DesiredCi): DesiredCi {
  const clean: DesiredCi = { class: ci.class, name: ci.name };
  if (ci.status !== undefined) clean.status = ci.status;
  if (ci.attributes !== undefined) clean.attributes = plainRecord(ci.attributes);
  if (ci.labels !== undefined) {
    const labels: Record<string, string> = {};
    for (const [key, value] of Object.entries(ci.labels)) {
      if (typeof value === 'string') labels[cleanString(key)] = cleanString(value);
    }
    if (Object.keys(labels).length > 0) clean.labels = labels;
  }
  return clean;
}

function mergeCi(target: DesiredCi, source: DesiredCi): void {
  if (source.status !== undefined) target.status = source.status;
  if (source.attributes !== undefined) target.attributes = { ...target.attributes, ...source.attributes };
  if (source.labels !== undefined) target.labels = { ...target.labels, ...source.labels };
}

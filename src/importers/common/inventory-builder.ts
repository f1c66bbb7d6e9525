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
 * and target, attributes made plain JSON, and relationships whose ends are not in the output
 * reported as issues instead of written. Insertion order is kept, so output is deterministic.
 */
export class InventoryBuilder {
  private readonly cis = new Map<string, CiEntry>();
  private readonly relations = new Map<string, RelationEntry>();
  private readonly classes = new Map<string, ClassDefinition>();
  readonly issues: ImportIssue[] = [];

  constructor(private readonly importer: string) {}

  issue(position: SourcePosition, message: string): void {
    const issue: ImportIssue = { file: position.file, message };
    if (position.location !== undefined) issue.location = position.location;
    this.issues.push(issue);
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

  /** The desired state and the issues found. Relationships to CIs not in the output become issues. */
  build(): ImportResult {
    const relations: DesiredRelation[] = [];
    for (const { relation, position } of this.relations.values()) {
      const missing = [relation.from, relation.to].filter((ref) => !this.cis.has(ref));
      if (missing.length === 0) relations.push(relation);
      else {
        const which = missing.map((ref) => `${ref}`).join(' and ');
        this.issue(
          position,
          `${relation.type} from ${relation.from} to ${relation.to} left out: ${which} is not in the input`,
        );
      }
    }
    const cis = [...this.cis.values()].map((entry) => entry.ci);
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
    return { state, issues: this.issues };
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

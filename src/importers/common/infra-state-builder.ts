import type { DesiredCi, DesiredRelation } from '../../core/ci/desired-state.js';
import type { ClassDefinition } from '../../core/model/model.types.js';
import type { ImportIssue, ImportResult } from '../importer.types.js';

/** Where a record came from, for issue messages. */
export interface Origin {
  file: string;
  location?: string;
}

export const CLASS_NAME = /^[a-z][a-z0-9_]*$/;
const MAX_CLASS = 64;
const MAX_NAME = 255;

/** What to do when a CI with the same class/name is added again. */
export type DuplicatePolicy = 'merge' | 'replace-with-issue';

interface RelationEntry {
  relation: DesiredRelation;
  origin: Origin;
}

function describe(origin: Origin): string {
  return origin.location ? `${origin.file} (${origin.location})` : origin.file;
}

/**
 * Collects the CIs, relations and classes of one import and checks the desired-state rules as it
 * goes: valid class and CI names, one CI per class/name. Whatever breaks a rule becomes an issue
 * instead of part of the state; objects that are not inventory become notes (`skip`).
 */
export class StateBuilder {
  readonly issues: ImportIssue[] = [];
  readonly skipped: ImportIssue[] = [];
  /** CIs refused as bad records: a relationship to one is refused too, not left unresolved. */
  private readonly refused = new Set<string>();
  private readonly cis = new Map<string, { ci: DesiredCi; origin: Origin }>();
  private readonly relations = new Map<string, RelationEntry>();
  private readonly classes = new Map<string, ClassDefinition>();

  issue(origin: Origin, message: string): void {
    const issue: ImportIssue = { file: origin.file, message };
    if (origin.location !== undefined) issue.location = origin.location;
    this.issues.push(issue);
  }

  /** An object that is not inventory, left out with a one-line note (not a bad record). */
  skipNonInventory(origin: Origin, message: string): void {
    this.skipped.push({
      file: origin.file,
      ...(origin.location !== undefined ? { location: origin.location } : {}),
      message,
    });
  }

  addClass(definition: ClassDefinition): void {
    if (!this.classes.has(definition.name)) this.classes.set(definition.name, definition);
  }

  hasCi(ref: string): boolean {
    return this.cis.has(ref);
  }

  getCi(ref: string): DesiredCi | undefined {
    return this.cis.get(ref)?.ci;
  }

  /** Adds a CI and returns its `class/name`, or undefined when it is invalid (an issue is recorded). */
  addCi(ci: DesiredCi, origin: Origin, onDuplicate: DuplicatePolicy = 'merge'): string | undefined {
    const problem = checkCi(ci);
    if (problem) {
      this.refused.add(`${ci.class}/${ci.name}`);
      this.issue(origin, problem);
      return undefined;
    }
    if (ci.labels && Object.keys(ci.labels).length === 0) {
      ci = { ...ci };
      delete ci.labels;
    }
    const ref = `${ci.class}/${ci.name}`;
    const existing = this.cis.get(ref);
    if (!existing) {
      this.cis.set(ref, { ci, origin });
      return ref;
    }
    if (onDuplicate === 'replace-with-issue') {
      this.issue(
        origin,
        `${ref} is declared again (first in ${describe(existing.origin)}); the later declaration is kept`,
      );
      this.cis.set(ref, { ci, origin });
      return ref;
    }
    existing.ci = mergeCi(existing.ci, ci);
    return ref;
  }

  /** Adds a relation once; a second one with the same type, from and to keeps the first's attributes. */
  addRelation(relation: DesiredRelation, origin: Origin): void {
    const key = `${relation.type}\u0000${relation.from}\u0000${relation.to}`;
    if (!this.relations.has(key)) this.relations.set(key, { relation, origin });
  }

  /**
   * The result. A relationship to a CI outside the input is kept (the import writes it to a CI
   * the CMDB holds, or keeps it as an unresolved reference); one to a CI refused here is refused.
   */
  build(): ImportResult {
    const relations: DesiredRelation[] = [];
    const relationAt: Origin[] = [];
    for (const { relation, origin } of this.relations.values()) {
      const refused = [relation.from, relation.to].filter((ref) => this.refused.has(ref) && !this.cis.has(ref));
      if (refused.length > 0) {
        this.issue(
          origin,
          `${relation.type} ${relation.from} → ${relation.to} left out: ${refused.join(' and ')} is a bad record`,
        );
        continue;
      }
      relations.push(relation);
      relationAt.push(origin);
    }
    const entries = [...this.cis.values()];
    const state: ImportResult['state'] = { cis: entries.map((entry) => entry.ci), relations };
    if (this.classes.size > 0) state.classes = [...this.classes.values()];
    return {
      state,
      issues: this.issues,
      skipped: this.skipped,
      positions: { cis: entries.map((e) => e.origin), relations: relationAt },
    };
  }
}

export function checkCi(ci: DesiredCi): string | undefined {
  if (!CLASS_NAME.test(ci.class) || ci.class.length > MAX_CLASS) {
    return `class name "${ci.class}" is not valid: use lower-case letters, digits and _ , starting with a letter, at most ${MAX_CLASS} characters`;
  }
  if (ci.name.length === 0) return `a ${ci.class} has an empty name`;
  if (ci.name.length > MAX_NAME)
    return `${ci.class} name "${ci.name.slice(0, 40)}…" is longer than ${MAX_NAME} characters`;
  if (ci.name.includes('\u0000')) return `${ci.class} name contains a NUL character`;
  return undefined;
}

function mergeCi(first: DesiredCi, later: DesiredCi): DesiredCi {
  const merged: DesiredCi = { ...first, ...later };
  if (first.attributes || later.attributes) merged.attributes = { ...first.attributes, ...later.attributes };
  if (first.labels || later.labels) merged.labels = { ...first.labels, ...later.labels };
  return merged;
}

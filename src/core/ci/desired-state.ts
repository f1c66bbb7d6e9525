import type { ClassDefinition, RelationTypeDefinition } from '../model/model.types.js';

/**
 * Cairn's desired-state document: what `cairn apply` reads, what a change's plan holds and what
 * every importer produces. CIs are identified by `class/name`, relationships by `type`, `from`
 * and `to`. Attributes, labels and status are merged key by key into the current state; a key
 * set to `null` is removed.
 */
export interface DesiredState {
  /** Classes the document needs, defined or changed in the same revision. */
  classes?: ClassDefinition[];
  relationTypes?: RelationTypeDefinition[];
  cis: DesiredCi[];
  relations: DesiredRelation[];
  /** CIs (`class/name`, with their relationships) and relationships to end. */
  delete?: { cis?: string[]; relations?: DesiredRelation[] };
}

export interface DesiredCi {
  class: string;
  name: string;
  status?: string;
  attributes?: Record<string, unknown>;
  labels?: Record<string, string | null>;
}

export interface DesiredRelation {
  /** A relationship type's name, or its inverse name (then `from` and `to` are swapped on write). */
  type: string;
  /** `class/name` of the source CI. */
  from: string;
  /** `class/name` of the target CI. */
  to: string;
  attributes?: Record<string, unknown>;
}

/** A CI reference, `class/name`; the name may itself contain slashes, the class may not. */
export interface CiRef {
  class: string;
  name: string;
}

export function formatRef(ref: CiRef): string {
  return `${ref.class}/${ref.name}`;
}

/** Parses `class/name`; returns undefined when there is no slash or either side is empty. */
export function parseRef(text: string): CiRef | undefined {
  if (!isRef(text)) return undefined;
  const slash = text.indexOf('/');
  return { class: text.slice(0, slash), name: text.slice(slash + 1) };
}

/** Whether parseRef reads `text` as a reference, without making one (an import asks of every end). */
export function isRef(text: string): boolean {
  const slash = text.indexOf('/');
  return slash > 0 && slash < text.length - 1;
}

export function emptyDesiredState(): DesiredState {
  return { cis: [], relations: [] };
}

import type { Static } from '@sinclair/typebox';
import type { WriteOutcome } from '../contracts/ci.contracts.js';
import type { ClassApplyBody, ClassDetail, ClassesView } from '../contracts/history.contracts.js';

export type ModelView = Static<typeof ClassesView>;
export type ClassDetailView = Static<typeof ClassDetail>;
/** A class document: `classes:` and `relationTypes:` lists (what `cairn class apply -f` reads). */
export type ModelDocument = Omit<ClassApplyBody, 'message'>;

/** The class registry: classes and relationship types, read and changed. */
export interface ModelClient {
  /** Every class and relationship type, now or as of a point. */
  classes(at?: string): Promise<ModelView>;
  /** One class with its lineage and what it inherits (statuses, identification keys). */
  getClass(name: string): Promise<ClassDetailView>;
  /** Defines or changes classes and relationship types as one revision. */
  apply(document: ModelDocument, message?: string): Promise<WriteOutcome>;
}

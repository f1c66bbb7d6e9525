import type { ClassDefinition, RelationTypeDefinition } from './model.types.js';

/** A version of a class or relationship type definition; the model is versioned like CIs. */
export type ModelVersion =
  | { kind: 'class'; name: string; definition: ClassDefinition; revFrom: number; revTo: number | null; hash: string }
  | {
      kind: 'relation_type';
      name: string;
      definition: RelationTypeDefinition;
      revFrom: number;
      revTo: number | null;
      hash: string;
    };

/** JSON Schema of a class's attributes object (draft 2020-12 subset understood by Ajv). */
export type JsonSchema = Record<string, unknown>;

/** Direction in which a change propagates along a relationship. */
export type ImpactDirection = 'source-to-target' | 'target-to-source' | 'both' | 'none';

export interface ClassDefinition {
  name: string;
  /** A CI of this class is also a CI of its parent (and of the parent's parent, …). */
  parent?: string;
  description?: string;
  /** JSON Schema of the attributes; a child's attributes must satisfy its ancestors' schemas too. */
  attributes?: JsonSchema;
  /** Attribute keys that match an observed item to a CI of this class. */
  identify?: string[];
  /** Lifecycle statuses allowed for CIs of this class; inherited when absent. */
  statuses?: string[];
  /** Whether CIs of this class are under change control (where policy says). */
  controlled?: boolean;
}

export interface RelationTypeDefinition {
  name: string;
  /** Name of the relationship read from target to source, e.g. `used_by` for `depends_on`. */
  inverse: string;
  /** A change to the source affects the target (`source-to-target`), or the reverse, or both. */
  impact: ImpactDirection;
  description?: string;
}

export const DEFAULT_STATUSES = ['planned', 'building', 'active', 'maintenance', 'retired'] as const;

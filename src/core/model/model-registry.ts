import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FieldError } from '../shared/errors.js';
import { linearRegExp } from './attribute-patterns.js';
import { DEFAULT_STATUSES, type ClassDefinition, type RelationTypeDefinition } from './model.types.js';

// ajv-formats is published as CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/** A relationship type as named in a document, resolved to its canonical direction. */
export interface ResolvedRelationType {
  definition: RelationTypeDefinition;
  /** True when the document used the inverse name: swap `from` and `to` before storing. */
  inverted: boolean;
}

/**
 * The class registry at one point in time: classes with inheritance, their compiled attribute
 * validators and lifecycles, and relationship types by name and inverse name. Immutable; a new
 * registry is built when the model changes.
 */
export class ModelRegistry {
  private readonly classes = new Map<string, ClassDefinition>();
  private readonly children = new Map<string, string[]>();
  private readonly relationTypes = new Map<string, RelationTypeDefinition>();
  private readonly relationByName = new Map<string, ResolvedRelationType>();
  private readonly validators = new Map<string, ValidateFunction>();
  /** statuses() by class: the classes never change once the registry is built. */
  private readonly statusesOf = new Map<string, readonly string[]>();
  private readonly ajv: Ajv;

  constructor(classes: Iterable<ClassDefinition>, relationTypes: Iterable<RelationTypeDefinition>) {
    // Patterns run on RE2 (linear time): a stored pattern cannot hang a write or a read (ReDoS).
    this.ajv = addFormats(new Ajv({ allErrors: true, strict: false, code: { regExp: linearRegExp } }));
    for (const c of classes) this.classes.set(c.name, c);
    for (const c of this.classes.values()) {
      if (c.parent) this.children.set(c.parent, [...(this.children.get(c.parent) ?? []), c.name]);
    }
    for (const t of relationTypes) {
      this.relationTypes.set(t.name, t);
      this.relationByName.set(t.name, { definition: t, inverted: false });
    }
    for (const t of this.relationTypes.values()) {
      // A symmetric type (connects_to/connects_to) keeps its direction.
      if (t.inverse !== t.name && !this.relationByName.has(t.inverse)) {
        this.relationByName.set(t.inverse, { definition: t, inverted: true });
      }
    }
  }

  getClass(name: string): ClassDefinition | undefined {
    return this.classes.get(name);
  }

  allClasses(): ClassDefinition[] {
    return [...this.classes.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  allRelationTypes(): RelationTypeDefinition[] {
    return [...this.relationTypes.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The class and its ancestors, nearest first. */
  lineage(name: string): ClassDefinition[] {
    const out: ClassDefinition[] = [];
    const seen = new Set<string>();
    for (
      let c = this.classes.get(name);
      c && !seen.has(c.name);
      c = c.parent ? this.classes.get(c.parent) : undefined
    ) {
      seen.add(c.name);
      out.push(c);
    }
    return out;
  }

  /** The class and every class that inherits from it: what `list --class` matches. */
  withDescendants(name: string): string[] {
    const out: string[] = [];
    const queue = [name];
    while (queue.length > 0) {
      const n = queue.shift()!;
      if (out.includes(n)) continue;
      out.push(n);
      queue.push(...(this.children.get(n) ?? []));
    }
    return out;
  }

  isA(className: string, ancestor: string): boolean {
    return this.lineage(className).some((c) => c.name === ancestor);
  }

  statuses(className: string): readonly string[] {
    // Asked twice per CI planned (an import plans every record): the lineage walked once per class.
    let found = this.statusesOf.get(className);
    if (!found) {
      found = this.lineage(className).find((c) => c.statuses && c.statuses.length > 0)?.statuses ?? DEFAULT_STATUSES;
      this.statusesOf.set(className, found);
    }
    return found;
  }

  identifyKeys(className: string): string[] {
    return this.lineage(className).find((c) => c.identify && c.identify.length > 0)?.identify ?? [];
  }

  isControlled(className: string): boolean {
    return this.lineage(className).find((c) => c.controlled !== undefined)?.controlled ?? false;
  }

  relationType(name: string): ResolvedRelationType | undefined {
    return this.relationByName.get(name);
  }

  /** Checks attributes against the class's schema and its ancestors'; returns field errors. */
  validateAttributes(className: string, attributes: Record<string, unknown>, path: string): FieldError[] {
    const validate = this.validatorFor(className);
    if (validate(attributes)) return [];
    return (validate.errors ?? []).map((e) => {
      const where = e.instancePath ? e.instancePath.slice(1).replaceAll('/', '.') : '';
      const missing =
        e.keyword === 'required' ? String((e.params as { missingProperty?: string }).missingProperty) : '';
      const field = [path, where, missing].filter((s) => s !== '').join('.');
      return { path: field, message: `${e.message ?? 'is invalid'} (${e.keyword} rule of class ${className})` };
    });
  }

  private validatorFor(className: string): ValidateFunction {
    let v = this.validators.get(className);
    if (!v) {
      const schemas = this.lineage(className)
        .map((c) => c.attributes)
        .filter((s): s is Record<string, unknown> => s !== undefined);
      v = this.ajv.compile({ allOf: [{ type: 'object' }, ...schemas] });
      this.validators.set(className, v);
    }
    return v;
  }

  /** Compiles a schema once to check that it is a valid JSON Schema; returns the problem or undefined. */
  schemaProblem(schema: unknown): string | undefined {
    try {
      this.ajv.compile(schema as Record<string, unknown>);
      return undefined;
    } catch (e) {
      return (e as Error).message;
    }
  }
}

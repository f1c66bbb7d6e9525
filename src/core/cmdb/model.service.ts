import type { ApplyOutcome, CmdbService } from './cmdb.service.js';
import type { HistoryService } from './history.service.js';
import type { WriteMeta } from '../revision/revision.types.js';
import { InputError, NotFoundError } from '../shared/errors.js';
import type { ClassDefinition, RelationTypeDefinition } from '../model/model.types.js';

/** `cairn class show` and GET /classes/{name}: the class as defined, and what it inherits. */
export interface ClassDetail {
  name: string;
  /** The class and its ancestors, nearest first. */
  lineage: string[];
  /** Its lifecycle statuses, its own or inherited. */
  statuses: string[];
  /** Its identification keys, its own or inherited. */
  identify: string[];
  parent?: string;
  description?: string;
  attributes?: Record<string, unknown>;
  controlled?: boolean;
}

/** The class registry as people read and change it: `cairn class …` and /api/v1/classes. */
export class ModelService {
  constructor(private readonly deps: { cmdb: CmdbService; history: HistoryService }) {}

  /** Every class and relationship type, now or as of a point (revision, baseline, CHG-n, time). */
  async classes(at?: string): Promise<{ classes: ClassDefinition[]; relationTypes: RelationTypeDefinition[] }> {
    const registry = await this.deps.cmdb.registry(
      at === undefined ? undefined : await this.deps.history.resolvePoint(at),
    );
    return {
      classes: registry.allClasses().map(classInOrder),
      relationTypes: registry.allRelationTypes().map(typeInOrder),
    };
  }

  async getClass(name: string): Promise<ClassDetail> {
    const registry = await this.deps.cmdb.registry();
    const c = registry.getClass(name);
    if (!c) throw new NotFoundError('CLASS_NOT_FOUND', `"${name}" is not a known class (see \`cairn class list\`)`);
    // The API writes a schema's required properties before its optional ones: the same order here.
    return {
      name: c.name,
      lineage: registry.lineage(name).map((x) => x.name),
      statuses: [...registry.statuses(name)],
      identify: registry.identifyKeys(name),
      ...(c.parent !== undefined ? { parent: c.parent } : {}),
      ...(c.description !== undefined ? { description: c.description } : {}),
      ...(c.attributes !== undefined ? { attributes: c.attributes } : {}),
      ...(c.controlled !== undefined ? { controlled: c.controlled } : {}),
    };
  }

  /** Defines or changes classes and relationship types as one revision; a document with anything else is refused. */
  async apply(document: { classes?: unknown[]; relationTypes?: unknown[] }, meta: WriteMeta): Promise<ApplyOutcome> {
    const other = Object.keys(document).find((k) => k !== 'classes' && k !== 'relationTypes');
    if (other !== undefined)
      throw new InputError(
        'MODEL_DOCUMENT_INVALID',
        `a class document holds only \`classes:\` and \`relationTypes:\` lists, not \`${other}:\``,
        [{ path: other, message: 'is not classes or relationTypes' }],
      );
    return this.deps.cmdb.apply({ ...document, cis: [], relations: [] }, meta);
  }
}

// The API writes an object's fields in its contract's order (required ones first): in-process
// callers get the same order, so that the CLI prints the same on a database and through a server.

function classInOrder(c: ClassDefinition): ClassDefinition {
  return {
    name: c.name,
    ...(c.parent !== undefined ? { parent: c.parent } : {}),
    ...(c.description !== undefined ? { description: c.description } : {}),
    ...(c.attributes !== undefined ? { attributes: c.attributes } : {}),
    ...(c.identify !== undefined ? { identify: c.identify } : {}),
    ...(c.statuses !== undefined ? { statuses: c.statuses } : {}),
    ...(c.controlled !== undefined ? { controlled: c.controlled } : {}),
  };
}

function typeInOrder(t: RelationTypeDefinition): RelationTypeDefinition {
  return {
    name: t.name,
    inverse: t.inverse,
    impact: t.impact,
    ...(t.description !== undefined ? { description: t.description } : {}),
  };
}

import { Type, type Static } from '@sinclair/typebox';
import { KeyedBy } from '../core/shared/schema-words.js';
import type { DesiredCi, DesiredRelation } from '../core/ci/desired-state.js';
import type { ClassDefinition, RelationTypeDefinition } from '../core/model/model.types.js';
import { ItemList, JsonObject, MAX_PAGE, MessageField } from './common.js';
import { InputScopeView } from './scope.contracts.js';

const Position = Type.Object({ file: Type.String(), location: Type.Optional(Type.String()) });
// Required properties first, as the API writes them: `location` (absent for some formats) last.
const Problem = Type.Object(
  { file: Type.String(), message: Type.String(), location: Type.Optional(Type.String()) },
  { title: 'ImportProblem' },
);
const Unresolved = Type.Object(
  {
    file: Type.String(),
    location: Type.Optional(Type.String()),
    type: Type.String(),
    from: Type.String(),
    to: Type.String(),
    missing: Type.String({ description: 'The end (`class/name`) neither the input nor the CMDB holds' }),
  },
  { title: 'ImportUnresolvedReference' },
);
const Counts = Type.Object({ added: Type.Integer(), modified: Type.Integer(), removed: Type.Integer() });
const RefLists = Type.Object({
  added: Type.Array(Type.String()),
  modified: Type.Array(Type.String()),
  removed: Type.Array(Type.String()),
});

/**
 * A record an importer read, typed as the import service takes it (`ImportBatch`). The request
 * checks only that it is an object: the service checks each record itself and reports a bad one
 * as a problem naming its file and line, rather than refusing the whole request.
 */
const ImportRecord = <T>() => Type.Unsafe<T>({ type: 'object' });

/**
 * The records an importer read (`cairn import` parses the files on the client), imported as one
 * revision with the import's options. Unlike POST /apply, the records are checked one by one:
 * bad ones are reported (`problems`) rather than failing the request.
 */
export const ImportBody = Type.Object(
  {
    source: Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'Recorded on every CI and relationship; `prune` retires what this source no longer names',
    }),
    message: MessageField,
    prune: Type.Optional(
      Type.Boolean({ description: 'Retire the CIs and relationships of this source that the records no longer have' }),
    ),
    scope: Type.Optional(InputScopeView),
    dryRun: Type.Optional(Type.Boolean({ description: 'Compute everything, list what would change, write nothing' })),
    skipInvalid: Type.Optional(
      Type.Boolean({
        description: 'Write the good records and report the bad ones (default: any bad record writes nothing)',
      }),
    ),
    asChange: Type.Optional(
      Type.Object(
        { title: Type.String({ minLength: 1, maxLength: 200 }) },
        {
          additionalProperties: false,
          description: 'Write nothing: open a change whose plan is what the import would write',
        },
      ),
    ),
    classes: Type.Optional(ItemList(ImportRecord<ClassDefinition>())),
    relationTypes: Type.Optional(ItemList(ImportRecord<RelationTypeDefinition>())),
    cis: ItemList(ImportRecord<DesiredCi>()),
    relations: ItemList(ImportRecord<DesiredRelation>()),
    positions: Type.Optional(
      Type.Object(
        { cis: ItemList(Position), relations: ItemList(Position) },
        {
          additionalProperties: false,
          description: 'Where each CI and relationship was read (file and line), so that problems name it',
        },
      ),
    ),
    issues: Type.Optional(
      ItemList(Problem, { description: 'Records the importer already rejected (bad syntax, unknown fields)' }),
    ),
    skipped: Type.Optional(
      ItemList(Problem, { description: 'Objects the importer skipped as not inventory, one note each' }),
    ),
  },
  { additionalProperties: false, title: 'ImportRequest' },
);
export type ImportBody = Static<typeof ImportBody>;

export const ImportReport = Type.Object(
  {
    revision: Type.Union([Type.Integer(), Type.Null()], {
      description: 'The revision written; null on a dry run, when nothing changed, or when refused',
    }),
    hash: Type.Union([Type.String(), Type.Null()]),
    dryRun: Type.Boolean(),
    refused: Type.Boolean({ description: 'Bad records made the import write nothing (see `problems`)' }),
    source: Type.String(),
    read: Type.Object({ cis: Type.Integer(), relations: Type.Integer() }),
    unchanged: Type.Object(
      { cis: Type.Integer(), relations: Type.Integer() },
      { description: 'Good records that wrote nothing: the CMDB already held them' },
    ),
    cis: Counts,
    relations: Counts,
    classes: Type.Integer(),
    problems: Type.Array(Problem),
    skipped: Type.Array(Problem, {
      description:
        'Objects of the input that are not inventory (a Kubernetes Event, a Backstage Template), one note each',
    }),
    unresolved: Type.Array(Unresolved, {
      description:
        'Relationships to a CI neither the input nor the CMDB holds: the items are imported, the references kept until their target arrives (GET /refs)',
    }),
    resolved: Type.Integer({
      description: 'References earlier imports left waiting that this import resolved into relationships',
    }),
    changes: Type.Optional(
      Type.Composite([RefLists, Type.Object({ relations: RefLists })], {
        description: 'On a dry run: the refs that would be added, modified and removed',
      }),
    ),
    change: Type.Optional(
      Type.Union([Type.Object({ ref: Type.String(), state: Type.String() }), Type.Null()], {
        description: 'With asChange: the change opened; null when the import would write nothing',
      }),
    ),
  },
  { title: 'ImportReport' },
);
export type ImportReport = Static<typeof ImportReport>;

export const ExportQuery = Type.Object({
  at: Type.Optional(
    Type.String({ description: 'A revision number, baseline, change (CHG-n) or ISO time; default now' }),
  ),
  class: Type.Optional(
    Type.Array(Type.String(), {
      description: 'Only CIs of these classes and their subclasses, and the relationships between them (repeatable)',
    }),
  ),
  limit: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: MAX_PAGE,
      default: MAX_PAGE,
      description: `Records per chunk, at most ${MAX_PAGE}`,
    }),
  ),
  cursor: Type.Optional(Type.String({ description: 'The nextCursor of the previous chunk' })),
});
export type ExportQuery = Static<typeof ExportQuery>;

const ExportCi = Type.Object({
  class: Type.String(),
  name: Type.String(),
  status: Type.String(),
  attributes: JsonObject,
  labels: KeyedBy(Type.String()),
  id: Type.String(),
  revision: Type.Integer(),
});
const ExportRelation = Type.Object({
  type: Type.String(),
  from: Type.String(),
  to: Type.String(),
  attributes: JsonObject,
  id: Type.String(),
  revision: Type.Integer(),
});

/** One chunk of an export: read them in turn, passing `nextCursor`, until it is null. */
export const ExportChunk = Type.Object(
  {
    revision: Type.Integer({ description: 'The revision the whole export reads (pinned by the first chunk)' }),
    cis: Type.Array(ExportCi),
    relations: Type.Array(ExportRelation),
    nextCursor: Type.Union([Type.String(), Type.Null()], {
      description: 'Pass as `cursor` for the next chunk; null on the last',
    }),
    model: Type.Optional(
      Type.Object(
        { classes: Type.Array(JsonObject), relationTypes: Type.Array(JsonObject) },
        { description: 'First chunk only: classes and relationship types beyond the built-in model' },
      ),
    ),
  },
  { title: 'ExportChunk' },
);
export type ExportChunk = Static<typeof ExportChunk>;

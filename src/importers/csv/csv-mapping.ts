import { checkClassName, checkMappingKeys, mappingObject } from '../common/mapping-checks.js';
import { asRecord } from '../common/plain-json.js';

/**
 * The csv importer's whole configuration, given as `options.mapping` (a parsed YAML file):
 *
 * ```yaml
 * class: server                 # every row is a server, or:
 * classColumn: type             # the column that holds each row's class
 * name: hostname                # the column of the CI name (required)
 * status: state                 # optional column of the lifecycle status
 * values: { "1": active, "2": retired }   # optional: the status column's codes → statuses
 * attributes:                   # attribute: column, or { column, type }
 *   os: os
 *   cpu: { column: cpus, type: integer }      # string | integer | number | boolean
 * labels: { team: owner }       # label: column
 * relations:
 *   - { column: rack, type: located_in, class: rack }          # names of CIs of that class
 *   - { column: needs, type: depends_on, separator: ";" }      # class/name references
 * delimiter: ","                # default ,
 * ```
 */
export type ValueType = 'string' | 'integer' | 'number' | 'boolean';

export interface CsvMapping {
  fixedClass?: string;
  classColumn?: string;
  name: string;
  status?: string;
  /** Source codes of the status column → lifecycle statuses; a code not listed is a bad row. */
  statusValues?: Map<string, string>;
  attributes: { name: string; column: string; type: ValueType }[];
  labels: { name: string; column: string }[];
  relations: { column: string; type: string; class?: string; separator?: string }[];
  delimiter: string;
}

const FORMAT = 'csv';
const TOP_KEYS = ['class', 'classColumn', 'name', 'status', 'values', 'attributes', 'labels', 'relations', 'delimiter'];
const VALUE_TYPES: readonly ValueType[] = ['string', 'integer', 'number', 'boolean'];
const RELATION_TYPE = /^[a-z][a-z0-9_]*$/;

export function resolveCsvMapping(mapping: Record<string, unknown> | undefined): CsvMapping {
  if (mapping === undefined) {
    throw new Error(
      'The csv importer needs a mapping (options.mapping): at least `name` and `class` or `classColumn`.',
    );
  }
  checkMappingKeys(FORMAT, 'the top level', mapping, TOP_KEYS);
  const name = column(mapping.name, '"name"');
  if ((mapping.class === undefined) === (mapping.classColumn === undefined)) {
    throw new Error(
      'The csv mapping needs exactly one of "class" (a fixed class) and "classColumn" (the column holding the class).',
    );
  }
  const result: CsvMapping = {
    name,
    attributes: attributes(mapping.attributes),
    labels: Object.entries(optionalObject(mapping.labels, '"labels"')).map(([label, col]) => ({
      name: label,
      column: column(col, `label "${label}"`),
    })),
    relations: relations(mapping.relations),
    delimiter: delimiter(mapping.delimiter),
  };
  if (mapping.class !== undefined) result.fixedClass = checkClassName(FORMAT, 'every row', mapping.class);
  if (mapping.classColumn !== undefined) result.classColumn = column(mapping.classColumn, '"classColumn"');
  if (mapping.status !== undefined) result.status = column(mapping.status, '"status"');
  if (mapping.values !== undefined) {
    if (result.status === undefined)
      throw new Error('"values" in the csv mapping translates the status column: name that column in "status".');
    result.statusValues = statusValues(mapping.values);
  }
  return result;
}

function statusValues(value: unknown): Map<string, string> {
  const entries = Object.entries(mappingObject(FORMAT, '"values"', value));
  if (entries.length === 0) throw new Error('"values" in the csv mapping lists no code.');
  return new Map(
    entries.map(([code, status]) => {
      if (typeof status !== 'string' || status.trim() === '')
        throw new Error(`values."${code}" in the csv mapping must be a lifecycle status, such as retired.`);
      return [code.trim(), status.trim()];
    }),
  );
}

function column(value: unknown, where: string): string {
  if (typeof value !== 'string' || value === '') throw new Error(`${where} in the csv mapping must name a column.`);
  return value;
}

function optionalObject(value: unknown, where: string): Record<string, unknown> {
  return value === undefined ? {} : mappingObject(FORMAT, where, value);
}

function attributes(value: unknown): CsvMapping['attributes'] {
  return Object.entries(optionalObject(value, '"attributes"')).map(([name, spec]) => {
    const object = asRecord(spec);
    if (object === undefined) return { name, column: column(spec, `attribute "${name}"`), type: 'string' as const };
    checkMappingKeys(FORMAT, `attribute "${name}"`, object, ['column', 'type']);
    const type = object.type ?? 'string';
    if (!VALUE_TYPES.includes(type as ValueType)) {
      throw new Error(
        `attribute "${name}" in the csv mapping has type ${JSON.stringify(type)}; expected one of: ${VALUE_TYPES.join(', ')}.`,
      );
    }
    return { name, column: column(object.column ?? name, `attribute "${name}"`), type: type as ValueType };
  });
}

function relations(value: unknown): CsvMapping['relations'] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new Error('"relations" in the csv mapping must be a list.');
  return (value as unknown[]).map((item, i) => {
    const where = `relations[${i}]`;
    const object = mappingObject(FORMAT, where, item);
    checkMappingKeys(FORMAT, where, object, ['column', 'type', 'class', 'separator']);
    if (typeof object.type !== 'string' || !RELATION_TYPE.test(object.type)) {
      throw new Error(`${where} in the csv mapping needs a relationship type, such as depends_on.`);
    }
    const relation: CsvMapping['relations'][number] = { column: column(object.column, where), type: object.type };
    if (object.class !== undefined) relation.class = checkClassName(FORMAT, where, object.class);
    if (object.separator !== undefined) relation.separator = column(object.separator, `${where} separator`);
    return relation;
  });
}

function delimiter(value: unknown): string {
  if (value === undefined) return ',';
  if (typeof value !== 'string' || value.length !== 1)
    throw new Error('"delimiter" in the csv mapping must be one character.');
  return value;
}

import type { DesiredCi, DesiredRelation } from '../../core/ci/desired-state.js';
import { parseRef } from '../../core/ci/desired-state.js';
import type { CsvMapping, ValueType } from './csv-mapping.js';

/** Compiled once per file: column indexes instead of names, converters chosen up front. */
export interface RowPlan {
  width: number;
  classIndex?: number;
  fixedClass?: string;
  nameIndex: number;
  statusIndex?: number;
  statusValues?: Map<string, string>;
  attributes: { name: string; index: number; column: string; convert: Converter }[];
  labels: { name: string; index: number }[];
  relations: { index: number; column: string; type: string; class?: string; separator?: string }[];
}

type Converter = (text: string) => unknown;

const INTEGER = /^[+-]?\d+$/;
const CLASS_NAME = /^[a-z][a-z0-9_]*$/;
const TRUE = new Set(['true', 'yes', 'y', '1']);
const FALSE = new Set(['false', 'no', 'n', '0']);
/** Marks a value that could not be converted. */
const BAD = Symbol('bad value');

const CONVERTERS: Readonly<Record<ValueType, Converter>> = {
  string: (text) => text,
  integer: (text) => {
    if (!INTEGER.test(text)) return BAD;
    const n = Number(text);
    return Number.isSafeInteger(n) ? n : BAD;
  },
  number: (text) => {
    const n = Number(text);
    return Number.isFinite(n) ? n : BAD;
  },
  boolean: (text) => {
    const lower = text.toLowerCase();
    return TRUE.has(lower) ? true : FALSE.has(lower) ? false : BAD;
  },
};

/** The plan for a header, or the columns the mapping names that the header lacks. */
export function planRows(mapping: CsvMapping, header: string[]): RowPlan | { missing: string[] } {
  const positions = new Map<string, number>();
  header.forEach((name, i) => {
    if (!positions.has(name.trim())) positions.set(name.trim(), i);
  });
  const missing = new Set<string>();
  const at = (name: string): number => {
    const index = positions.get(name);
    if (index === undefined) missing.add(name);
    return index ?? -1;
  };
  const plan: RowPlan = {
    width: header.length,
    nameIndex: at(mapping.name),
    attributes: mapping.attributes.map((a) => ({
      name: a.name,
      index: at(a.column),
      column: a.column,
      convert: CONVERTERS[a.type],
    })),
    labels: mapping.labels.map((l) => ({ name: l.name, index: at(l.column) })),
    relations: mapping.relations.map((r) => ({ ...r, index: at(r.column) })),
  };
  if (mapping.fixedClass !== undefined) plan.fixedClass = mapping.fixedClass;
  if (mapping.classColumn !== undefined) plan.classIndex = at(mapping.classColumn);
  if (mapping.status !== undefined) plan.statusIndex = at(mapping.status);
  if (mapping.statusValues !== undefined) plan.statusValues = mapping.statusValues;
  return missing.size > 0 ? { missing: [...missing] } : plan;
}

export type RowResult = { ci: DesiredCi; relations: DesiredRelation[] } | { error: string };

/** One data row as a CI and its relationships, or the reason it is rejected. */
export function convertRow(plan: RowPlan, row: string[]): RowResult {
  if (row.length !== plan.width) return { error: `${row.length} fields, expected ${plan.width} as in the header` };
  const cell = (index: number): string => (row[index] ?? '').trim();
  const name = cell(plan.nameIndex);
  if (name === '') return { error: 'no name: the name column is empty' };
  const cls = plan.fixedClass ?? cell(plan.classIndex ?? -1);
  if (!CLASS_NAME.test(cls))
    return { error: cls === '' ? 'no class: the class column is empty' : `"${cls}" is not a class name` };
  const ci: DesiredCi = { class: cls, name };
  const status = plan.statusIndex === undefined ? '' : cell(plan.statusIndex);
  if (status !== '') {
    const translated = plan.statusValues === undefined ? status : plan.statusValues.get(status);
    if (translated === undefined) return { error: unknownCode(status, plan.statusValues!) };
    ci.status = translated;
  }
  if (plan.attributes.length > 0) {
    const attributes: Record<string, unknown> = {};
    for (const attribute of plan.attributes) {
      const text = cell(attribute.index);
      if (text === '') continue;
      const value = attribute.convert(text);
      if (value === BAD)
        return { error: `column "${attribute.column}": "${text}" is not ${article(attribute.convert)}` };
      attributes[attribute.name] = value;
    }
    ci.attributes = attributes;
  }
  if (plan.labels.length > 0) {
    const labels: Record<string, string> = {};
    for (const label of plan.labels) {
      const text = cell(label.index);
      if (text !== '') labels[label.name] = text;
    }
    if (Object.keys(labels).length > 0) ci.labels = labels;
  }
  const self = `${cls}/${name}`;
  const relations: DesiredRelation[] = [];
  for (const relation of plan.relations) {
    const text = cell(relation.index);
    if (text === '') continue;
    const targets =
      relation.separator === undefined
        ? [text]
        : text
            .split(relation.separator)
            .map((t) => t.trim())
            .filter((t) => t !== '');
    for (const target of targets) {
      const to = relation.class === undefined ? refOf(target) : `${relation.class}/${target}`;
      if (to === undefined) return { error: `column "${relation.column}": "${target}" is not a class/name reference` };
      relations.push({ type: relation.type, from: self, to });
    }
  }
  return { ci, relations };
}

function unknownCode(code: string, values: Map<string, string>): string {
  const known = [...values.keys()];
  const shown = known.slice(0, 10).join(', ') + (known.length > 10 ? `, … (${known.length} in all)` : '');
  return `status "${code}" is not one of the codes the mapping's values translate (${shown})`;
}

function refOf(text: string): string | undefined {
  const ref = parseRef(text);
  return ref === undefined || !CLASS_NAME.test(ref.class) ? undefined : `${ref.class}/${ref.name}`;
}

function article(convert: Converter): string {
  if (convert === CONVERTERS.integer) return 'an integer';
  if (convert === CONVERTERS.number) return 'a number';
  return 'a boolean (true/false, yes/no, 1/0)';
}

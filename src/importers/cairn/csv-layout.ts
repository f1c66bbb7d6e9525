import type { DesiredCi, DesiredRelation } from '../../core/ci/desired-state.js';
import { isObject } from '../../core/ci/desired-state-input.js';

/**
 * Cairn's fixed CSV layout, what `cairn export --format csv` writes and `cairn import csv` reads
 * without a mapping: a CI row fills class, name, status, attributes (JSON), labels (JSON); a
 * relationship row leaves class and name empty and fills type, from, to and attributes (JSON).
 */
export const CAIRN_CSV_COLUMNS = ['class', 'name', 'status', 'attributes', 'labels', 'type', 'from', 'to'] as const;

/** True when a header is the Cairn layout (the relationship columns may be left off). */
export function isCairnLayout(header: string[]): boolean {
  const names = header.map((h) => h.trim());
  return (names.length === 5 || names.length === 8) && names.every((n, i) => n === CAIRN_CSV_COLUMNS[i]);
}

export type LayoutRow = { ci: DesiredCi } | { relation: DesiredRelation } | { error: string };

/** One row of the Cairn layout as a CI or a relationship. */
export function readLayoutRow(row: string[], width: number): LayoutRow {
  if (row.length !== width) return { error: `${row.length} fields, expected ${width} as in the header` };
  const [cls = '', name = '', status = '', attributes = '', labels = '', type = '', from = '', to = ''] = row;
  const attrs = jsonCell(attributes, 'attributes');
  if ('error' in attrs) return attrs;
  if (type !== '') {
    const relation: DesiredRelation = { type, from, to };
    if (attrs.value !== undefined) relation.attributes = attrs.value;
    return { relation };
  }
  const ci: DesiredCi = { class: cls, name };
  if (status !== '') ci.status = status;
  if (attrs.value !== undefined) ci.attributes = attrs.value;
  const lbls = jsonCell(labels, 'labels');
  if ('error' in lbls) return lbls;
  if (lbls.value !== undefined) ci.labels = lbls.value as Record<string, string>;
  return { ci };
}

function jsonCell(text: string, column: string): { value: Record<string, unknown> | undefined } | { error: string } {
  if (text.trim() === '') return { value: undefined };
  try {
    const value: unknown = JSON.parse(text);
    return isObject(value) ? { value } : { error: `column "${column}" must hold a JSON object` };
  } catch (e) {
    return { error: `column "${column}" is not valid JSON: ${(e as Error).message}` };
  }
}

/** One CSV field, quoted when it must be (RFC 4180). */
export function csvCell(value: string): string {
  return /[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replaceAll('"', '""')}"` : value;
}

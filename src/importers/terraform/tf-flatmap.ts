import { isRecord } from '../common/infra-json.js';

/**
 * Terraform's "flatmap" encoding, which older version-4 writers (states upgraded from version 3 by
 * Terraform 0.12) keep in `attributes_flat`: every value a string under a dotted key, a list's
 * length at `key.#`, a map's size at `key.%`, list items (and set items, under a hash) at
 * `key.<index>`. Expanded here the way Terraform's own `flatmap.Expand` does; the values stay
 * strings, because the encoding has lost their types and only the provider's schema knows them.
 */

type Flat = Record<string, string>;

function expand(flat: Flat, key: string): unknown {
  const value = flat[key];
  if (value !== undefined) return value;
  if (flat[`${key}.#`] !== undefined) return expandList(flat, key);
  return expandMap(flat, `${key}.`);
}

function expandList(flat: Flat, key: string): unknown[] {
  if (flat[`${key}.#`] === '0') return [];
  const prefix = `${key}.`;
  const indexes = new Set<string>();
  for (const k of Object.keys(flat)) {
    if (!k.startsWith(prefix)) continue;
    const index = k.slice(prefix.length).split('.')[0] ?? '';
    if (index !== '#' && /^\d+$/.test(index)) indexes.add(index);
  }
  // Lists count from 0; sets are keyed by a hash: both are sorted as numbers, as Terraform does.
  return [...indexes].sort((a, b) => Number(a) - Number(b)).map((index) => expand(flat, `${prefix}${index}`));
}

function expandMap(flat: Flat, prefix: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (flat[`${prefix}%`] === '0') return out;
  for (const k of Object.keys(flat)) {
    if (!k.startsWith(prefix)) continue;
    const key = k.slice(prefix.length).split('.')[0] ?? '';
    if (key === '%' || key in out) continue;
    out[key] = expand(flat, `${prefix}${key}`);
  }
  return out;
}

/** The nested attributes an `attributes_flat` object stands for. */
export function unflatten(value: unknown): Record<string, unknown> {
  if (!isRecord(value)) return {};
  const flat: Flat = {};
  for (const [key, item] of Object.entries(value)) if (typeof item === 'string') flat[key] = item;
  return expandMap(flat, '');
}

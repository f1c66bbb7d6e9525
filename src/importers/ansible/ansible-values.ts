import type { DocumentOptions, ScalarTag, SchemaOptions } from 'yaml';
import { pythonLiteral } from './python-literal.js';

/**
 * How an INI inventory value is typed: as ansible-core does, by Python's literal reader — `1` an
 * integer, `True` a boolean, `[1, 2]` a list, `'03'` the string 03 — and anything that is not a
 * Python literal (`ubuntu-24.04`, `true`, `{{ jinja }}`) the text as written.
 */
export function inventoryValue(text: string): unknown {
  const literal = pythonLiteral(text);
  return literal === undefined ? text : literal.value;
}

/**
 * ansible-core reads YAML inventories with YAML 1.1 rules (PyYAML): `yes`/`no`/`on`/`off` are
 * booleans and `0755` octal; dates stay text, as `ansible-inventory --list` prints them.
 * `!vault` values stay the vault text (never stored: see the importer) and `!unsafe` ones the
 * text they mark.
 */
export const ANSIBLE_YAML_OPTIONS: DocumentOptions & SchemaOptions = {
  version: '1.1',
  customTags: (tags) => [
    ...tags.filter((tag) => typeof tag === 'string' || tag.tag !== 'tag:yaml.org,2002:timestamp'),
    textTag('!vault'),
    textTag('!unsafe'),
  ],
};

function textTag(tag: string): ScalarTag {
  return { tag, resolve: (text: string) => text };
}

import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { DesiredCi, DesiredRelation } from '../../core/ci/desired-state.js';
import { isObject } from '../../core/ci/desired-state-input.js';
import type { ImportBatch, ImportProblem } from '../../core/import/import.types.js';
import type { ClassDefinition, RelationTypeDefinition } from '../../core/model/model.types.js';
import { expansionProblem } from '../../core/shared/limits.js';
import type { ImportFile } from '../importer.types.js';
import { withProbableInput, yamlMessage } from '../common/input-kind.js';

const DOC_KEYS = new Set(['cis', 'relations', 'classes', 'relationTypes']);

/**
 * Cairn's desired-state document, as JSON or YAML (`{classes?, relationTypes?, cis, relations}`,
 * what `cairn export --format json|yaml` writes), as one batch per file. A bad record is
 * reported by its path in the document (`cis[3].attributes.cpu`). The whole document is parsed
 * at once: for large volumes use NDJSON, which streams.
 */
export function readCairnDocument(file: ImportFile, format: 'json' | 'yaml'): ImportBatch {
  const issues: ImportProblem[] = [];
  const empty: ImportBatch = { cis: [], relations: [], issues };
  let doc: unknown;
  try {
    doc = format === 'json' ? JSON.parse(file.text) : parseYaml(file.text, { maxAliasCount: 100 });
  } catch (e) {
    const pos = e instanceof YAMLParseError ? e.linePos?.[0] : undefined;
    issues.push({
      file: file.path,
      ...(pos ? { location: `line ${pos.line}` } : {}),
      message: `is not valid ${format.toUpperCase()}: ${withProbableInput(yamlMessage((e as Error).message), file.text)}`,
    });
    return empty;
  }
  // Aliases can make a small file enormous: bounded as for any YAML the CLI reads (core/shared/limits.ts).
  const tooBig = format === 'yaml' ? expansionProblem(doc, file.text.length) : undefined;
  if (tooBig) {
    issues.push({ file: file.path, message: tooBig });
    return empty;
  }
  if (!isObject(doc)) {
    issues.push({ file: file.path, message: 'must be a mapping with `cis` and/or `relations`' });
    return empty;
  }
  for (const key of Object.keys(doc))
    if (!DOC_KEYS.has(key))
      issues.push({
        file: file.path,
        location: key,
        message: 'is not a known field (cis, relations, classes, relationTypes)',
      });
  const list = <T>(key: string): T[] => {
    const v = doc[key];
    if (v === undefined || v === null) return [];
    if (Array.isArray(v)) return v as T[];
    issues.push({ file: file.path, location: key, message: 'must be a list' });
    return [];
  };
  return {
    classes: list<ClassDefinition>('classes'),
    relationTypes: list<RelationTypeDefinition>('relationTypes'),
    cis: list<DesiredCi>('cis'),
    relations: list<DesiredRelation>('relations'),
    issues,
    locate: (kind, i) => ({ file: file.path, location: `${kind === 'ci' ? 'cis' : 'relations'}[${i}]` }),
  };
}

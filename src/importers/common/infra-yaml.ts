import { LineCounter, parseAllDocuments, type DocumentOptions, type SchemaOptions } from 'yaml';
import type { ImportIssue } from '../importer.types.js';
import { withProbableInput, yamlMessage } from './input-kind.js';

/** One YAML document of a file, converted to plain JavaScript. */
export interface YamlDocument {
  /** 1-based position of the document in its file. */
  index: number;
  /** 1-based line where the document's content starts. */
  line: number;
  value: unknown;
}

export interface YamlFileResult {
  documents: YamlDocument[];
  issues: ImportIssue[];
}

/**
 * Parses every document of a YAML file. A document with a syntax error becomes an issue naming its
 * line and is left out; documents holding only comments are dropped. `<<` merge keys are honoured
 * (Compose files use them). `options` choose another YAML version or tags (Ansible reads YAML 1.1).
 */
export function parseYamlFile(
  path: string,
  text: string,
  options: DocumentOptions & SchemaOptions = {},
): YamlFileResult {
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, { merge: true, ...options, lineCounter, prettyErrors: false });
  const docs = Array.isArray(parsed) ? parsed : [];
  const documents: YamlDocument[] = [];
  const issues: ImportIssue[] = [];
  docs.forEach((doc, i) => {
    const index = i + 1;
    const start = doc.contents?.range[0] ?? doc.range[0];
    const line = lineCounter.linePos(start).line;
    const error = doc.errors[0];
    if (error) {
      const errorLine = lineCounter.linePos(error.pos[0]).line;
      issues.push({
        file: path,
        location: `document ${index}, line ${errorLine}`,
        message: `YAML syntax error: ${withProbableInput(yamlMessage(error.message), text)}`,
      });
      return;
    }
    if (doc.contents === null) return;
    try {
      documents.push({ index, line, value: doc.toJS({ maxAliasCount: 1000 }) as unknown });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      issues.push({
        file: path,
        location: `document ${index}, line ${line}`,
        message: `YAML could not be read: ${firstLine(message)}`,
      });
    }
  });
  return { documents, issues };
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}

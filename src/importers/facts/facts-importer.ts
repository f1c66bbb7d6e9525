import type { Importer, ImportFile, ImportIssue } from '../importer.types.js';
import { toolName, type FactsFormat } from './facts-kind.js';
import { readJsonValues } from '../common/json-values.js';
import { nodeFactsState } from './node-facts-state.js';
import type { ReadNode } from './node-facts.js';

/** What one configuration manager's importer adds to what they all share: how its output reads. */
export interface FactsReader {
  format: FactsFormat;
  /** One line for `cairn import --help`. */
  description: string;
  /** Reads the files into machines; what cannot be read goes to `issues` (a bad record each). */
  read(files: ImportFile[], issues: ImportIssue[]): ReadNode[];
}

/**
 * An importer of a tool's facts: the tool's reader finds the machines, and every tool's machines
 * become CIs the same way (node-facts-state.ts), so that one machine seen by two tools is one CI.
 */
export function factsImporter(reader: FactsReader): Importer {
  return {
    format: reader.format,
    description: reader.description,
    parse(files, options) {
      const issues: ImportIssue[] = [];
      const nodes = reader.read(files, issues);
      const result = nodeFactsState(reader.format, nodes, options);
      return { ...result, issues: [...issues, ...result.issues] };
    },
  };
}

/**
 * Hands each JSON value of a file, with the line it starts on, to `visit`; a value that does not
 * parse becomes an issue naming the tool whose output was expected.
 */
export function eachJsonValue(
  file: ImportFile,
  format: FactsFormat,
  issues: ImportIssue[],
  visit: (value: unknown, line: number) => void,
): void {
  const read = readJsonValues(file, toolName(format));
  issues.push(...read.issues);
  for (const { value, line } of read.values) visit(value, line);
}

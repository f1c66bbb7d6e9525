import type { ImportFile, ImportIssue } from '../importer.types.js';

/** One JSON value of a file and the line it starts on. */
export interface JsonValueAt {
  value: unknown;
  line: number;
}

/**
 * Reads a file holding one JSON value or several written one after another, as
 * `salt '*' grains.items --out=json` prints one object per minion. A value that does not parse
 * becomes an issue naming its line; the others are still read.
 */
export function readJsonValues(file: ImportFile, what: string): { values: JsonValueAt[]; issues: ImportIssue[] } {
  const text = file.text.replace(/^\uFEFF/, '');
  try {
    return { values: [{ value: JSON.parse(text) as unknown, line: 1 }], issues: [] };
  } catch {
    // Not one value: perhaps several, or a syntax error; split at top-level boundaries.
  }
  const values: JsonValueAt[] = [];
  const issues: ImportIssue[] = [];
  for (const chunk of topLevelChunks(text)) {
    try {
      values.push({ value: JSON.parse(chunk.text) as unknown, line: chunk.line });
    } catch (e) {
      issues.push({
        file: file.path,
        location: `line ${chunk.line}`,
        message: `not valid JSON (${(e as Error).message}); ${what} expected`,
      });
    }
  }
  if (values.length === 0 && issues.length === 0)
    issues.push({ file: file.path, message: `the file is empty; ${what} expected` });
  return { values, issues };
}

/** Splits text into top-level `{…}` / `[…]` values, tracking strings so braces inside them do not count. */
function topLevelChunks(text: string): { text: string; line: number }[] {
  const chunks: { text: string; line: number }[] = [];
  let depth = 0;
  let start = -1;
  let startLine = 1;
  let line = 1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') line++;
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') {
      if (depth === 0) {
        start = i;
        startLine = line;
      }
      depth++;
    } else if (ch === '}' || ch === ']') {
      depth--;
      if (depth === 0 && start >= 0) {
        chunks.push({ text: text.slice(start, i + 1), line: startLine });
        start = -1;
      }
      if (depth < 0) depth = 0;
    } else if (depth === 0 && !/\s/.test(ch ?? '')) {
      // Text outside any value: report it as its own chunk so that it becomes an issue.
      const end = text.indexOf('\n', i);
      chunks.push({ text: text.slice(i, end === -1 ? text.length : end), line });
      i = end === -1 ? text.length : end - 1;
    }
  }
  if (depth > 0 && start >= 0) chunks.push({ text: text.slice(start), line: startLine });
  return chunks;
}

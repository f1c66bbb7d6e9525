import { readFileSync } from 'node:fs';
import { parse, YAMLParseError } from 'yaml';
import { expansionProblem, MAX_INPUT_DEPTH } from '../core/shared/limits.js';
import { CliUsageError } from './output.js';

/** Reads a file (or standard input for `-`) as text, with a sentence naming the file on failure. */
export function readText(path: string): string {
  try {
    return readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : (e as Error).message;
    throw new CliUsageError(`cannot read ${path}: ${why}`);
  }
}

/**
 * Parses YAML (JSON is YAML too); a syntax error names the file, line and column. Aliases are
 * bounded twice: `yaml` refuses more than 100 uses of aliases, and the document they expand to
 * must stay within MAX_YAML_EXPANSION times the file (a 1.3 MB file of aliases expanded to 1.7 GB),
 * and within MAX_INPUT_DEPTH levels of nesting.
 */
export function parseYamlText(text: string, path: string): unknown {
  let value: unknown;
  try {
    value = parse(text, { prettyErrors: true, maxAliasCount: 100 });
  } catch (e) {
    if (e instanceof YAMLParseError) {
      const pos = e.linePos?.[0];
      const where = pos ? ` at line ${pos.line}, column ${pos.col}` : '';
      // The parser's advice names its own functions ("please use YAML.parseAllDocuments()"): say what is wrong instead.
      const first = e.message.split('\n')[0]!;
      const reason = /multiple documents/i.test(first)
        ? 'it holds several YAML documents (separated by ---) where one is expected'
        : first.replace(/ at line \d+, column \d+:?$/, '').replace(/;?\s*please use YAML\.\w+\(\)/i, '');
      throw new CliUsageError(`${path} is not valid YAML${where}: ${reason}`);
    }
    // The parser recurses: a document nested many thousand levels deep overflows its stack.
    if (e instanceof RangeError) throw tooDeep(path);
    if (e instanceof ReferenceError && /alias/i.test(e.message))
      throw new CliUsageError(`${path} uses aliases too many times (at most 100): ${e.message}`);
    throw e;
  }
  const problem = expansionProblem(value, text.length);
  if (problem) throw new CliUsageError(`${path} ${problem}`);
  return value;
}

const tooDeep = (path: string) =>
  new CliUsageError(`${path} nests lists and mappings more than ${MAX_INPUT_DEPTH} levels deep (the limit)`);

export function readYamlFile(path: string): unknown {
  return parseYamlText(readText(path), path);
}

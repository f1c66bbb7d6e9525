import { readFileSync } from 'node:fs';
import { parse, YAMLParseError } from 'yaml';
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

/** Parses YAML (JSON is YAML too); a syntax error names the file, line and column. */
export function parseYamlText(text: string, path: string): unknown {
  try {
    return parse(text, { prettyErrors: true, maxAliasCount: 100 });
  } catch (e) {
    if (e instanceof YAMLParseError) {
      const pos = e.linePos?.[0];
      const where = pos ? ` at line ${pos.line}, column ${pos.col}` : '';
      const reason = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      throw new CliUsageError(`${path} is not valid YAML${where}: ${reason}`);
    }
    throw e;
  }
}

export function readYamlFile(path: string): unknown {
  return parseYamlText(readText(path), path);
}

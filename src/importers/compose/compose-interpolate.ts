import { basename } from 'node:path';
import { isRecord } from '../common/infra-json.js';

/**
 * Compose variable interpolation: `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
 * `${VAR:?error}`, `${VAR?error}`, `${VAR:+alt}`, `${VAR+alt}`, `$$` for a literal `$`; defaults
 * may themselves hold variables. A variable that is not set becomes an empty string, as in Compose,
 * and is reported so that the user can supply it (an env file, or `mapping.variables`).
 */

export interface Unresolved {
  name: string;
  /** Set for `${VAR:?message}`: the variable is required. */
  required?: string;
}

type Lookup = (name: string) => string | undefined;
type Operator = ':-' | '-' | ':?' | '?' | ':+' | '+';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/** `.env`, `dot-env`, `prod.env`, `compose-env`: files of KEY=VALUE lines rather than Compose YAML. */
export function isEnvFile(path: string): boolean {
  return /(^|[.\-_])env$/i.test(basename(path));
}

/** Index of the `}` closing the `${` whose body starts at `start`, or -1. */
function closingBrace(text: string, start: number): number {
  let depth = 1;
  for (let i = start; i < text.length; i++) {
    if (text[i] === '$' && text[i + 1] === '{') {
      depth++;
      i++;
    } else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function expandBraced(body: string, lookup: Lookup, missing: (u: Unresolved) => void): string {
  const match = NAME.exec(body);
  const name = match?.[0] ?? '';
  if (name === '') return '';
  const rest = body.slice(name.length);
  const value = lookup(name);
  const op = /^(:-|-|:\?|\?|:\+|\+)/.exec(rest)?.[0] as Operator | undefined;
  const arg = op === undefined ? '' : rest.slice(op.length);
  const nested = (): string => interpolate(arg, lookup, missing);
  switch (op) {
    case ':-':
      return value === undefined || value === '' ? nested() : value;
    case '-':
      return value ?? nested();
    case ':?':
    case '?':
      if (value === undefined || (op === ':?' && value === '')) {
        missing({ name, required: nested() || `${name} is required` });
        return '';
      }
      return value;
    case ':+':
      return value !== undefined && value !== '' ? nested() : '';
    case '+':
      return value !== undefined ? nested() : '';
    case undefined:
      if (value === undefined) missing({ name });
      return value ?? '';
  }
}

export function interpolate(text: string, lookup: Lookup, missing: (u: Unresolved) => void): string {
  if (!text.includes('$')) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i] ?? '';
    const next = text[i + 1];
    if (ch !== '$') {
      out += ch;
      i++;
    } else if (next === '$') {
      out += '$';
      i += 2;
    } else if (next === '{') {
      const end = closingBrace(text, i + 2);
      if (end < 0) {
        out += text.slice(i);
        break;
      }
      out += expandBraced(text.slice(i + 2, end), lookup, missing);
      i = end + 1;
    } else {
      const name = NAME.exec(text.slice(i + 1))?.[0];
      if (name === undefined) {
        out += '$';
        i++;
        continue;
      }
      const value = lookup(name);
      if (value === undefined) missing({ name });
      out += value ?? '';
      i += 1 + name.length;
    }
  }
  return out;
}

/** Interpolates every string value (never a key) of a parsed Compose file, reporting each gap with its path. */
export function interpolateTree(
  value: unknown,
  lookup: Lookup,
  missing: (u: Unresolved, path: string) => void,
  path = '',
): unknown {
  if (typeof value === 'string') return interpolate(value, lookup, (u) => missing(u, path));
  if (Array.isArray(value)) return value.map((item, i) => interpolateTree(item, lookup, missing, `${path}[${i}]`));
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      // Extension fields (x-…) are templates for anchors; Compose does not interpolate them either.
      out[key] =
        path === '' && key.startsWith('x-')
          ? item
          : interpolateTree(item, lookup, missing, path ? `${path}.${key}` : key);
    }
    return out;
  }
  return value;
}

export interface EnvFileResult {
  variables: Map<string, string>;
  /** Lines that are not KEY=VALUE: 1-based line number and the reason. */
  bad: { line: number; message: string }[];
}

/** Reads a Compose env file: KEY=VALUE lines, `export` prefixes, comments, single and double quotes. */
export function parseEnvFile(
  text: string,
  outer: Lookup,
  missing: (u: Unresolved, line: number) => void,
): EnvFileResult {
  const variables = new Map<string, string>();
  const bad: EnvFileResult['bad'] = [];
  const lookup: Lookup = (name) => outer(name) ?? variables.get(name);
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim().replace(/^export\s+/, '');
    if (line === '' || line.startsWith('#')) return;
    const eq = line.indexOf('=');
    const key = eq < 0 ? line : line.slice(0, eq).trim();
    if (eq < 0 || !/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(key)) {
      bad.push({ line: i + 1, message: 'not a KEY=VALUE line' });
      return;
    }
    let value = line.slice(eq + 1).trim();
    if (value.startsWith("'") && value.endsWith("'") && value.length >= 2) {
      variables.set(key, value.slice(1, -1));
      return;
    }
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) {
      value = value.slice(1, -1).replaceAll('\\n', '\n').replaceAll('\\"', '"');
    } else {
      value = value.replace(/\s+#.*$/, '');
    }
    variables.set(
      key,
      interpolate(value, lookup, (u) => missing(u, i + 1)),
    );
  });
  return { variables, bad };
}

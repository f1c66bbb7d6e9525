/**
 * Python's `ast.literal_eval`, which ansible-core applies to every value of an INI inventory
 * (inline `key=value` on host lines and `[group:vars]` lines alike): numbers, strings, `True`,
 * `False`, `None`, lists, tuples, sets and dicts. What Python would refuse (`ubuntu-24.04`,
 * `10.0.0.1`, `true`, `{{ jinja }}`) is not a literal: the caller keeps the text as it is.
 *
 * Tuples and sets become lists, as ansible-core coerces them. Three things Python accepts are
 * kept as their text instead, because a JSON attribute cannot hold them faithfully: complex
 * numbers (`1+2j`), integers beyond 2^53 and floats beyond the double range. `\N{…}` escapes are
 * not decoded: a string using one is not read as a literal.
 */

type Token =
  | { kind: 'number'; text: string }
  | { kind: 'string'; value: string; bytes: boolean }
  | { kind: 'name'; text: string }
  | { kind: 'punct'; text: string };

/** Thrown inside the parser; never escapes `pythonLiteral`. */
class NotALiteral extends Error {}

const NUMBER =
  /^(?:0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|(?:(?:\d(?:_?\d)*)?\.\d(?:_?\d)*|\d(?:_?\d)*\.?)(?:[eE][+-]?\d(?:_?\d)*)?[jJ]?)/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const STRING_PREFIX = /^(?:[rR][bB]?|[bB][rR]?|[uU])?(?='|")/;
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '\n': '',
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\u0007',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

/** The value of `text` read as a Python literal, or undefined when Python would not read it as one. */
export function pythonLiteral(text: string): { value: unknown } | undefined {
  try {
    const parser = new Parser(tokenize(text.replace(/^[ \t]+/, '')));
    return { value: parser.parseTop() };
  } catch (error) {
    if (error instanceof NotALiteral) return undefined;
    throw error;
  }
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let rest = text;
  while (rest !== '') {
    const space = /^[ \t\f\r\n]+/.exec(rest);
    if (space) {
      rest = rest.slice(space[0].length);
      continue;
    }
    if (rest.startsWith('#')) break;
    const prefix = STRING_PREFIX.exec(rest);
    if (prefix) {
      const read = readString(rest, prefix[0].toLowerCase());
      tokens.push(read.token);
      rest = rest.slice(read.length);
      continue;
    }
    const number = /^\.?\d/.test(rest) ? NUMBER.exec(rest) : null;
    if (number) {
      // `1x`, `0_`, `08`: Python refuses a number running into letters, digits or `_`.
      if (/^[\w.]/.test(rest.slice(number[0].length))) throw new NotALiteral();
      tokens.push({ kind: 'number', text: number[0] });
      rest = rest.slice(number[0].length);
      continue;
    }
    const name = NAME.exec(rest);
    if (name) {
      tokens.push({ kind: 'name', text: name[0] });
      rest = rest.slice(name[0].length);
      continue;
    }
    const punct = rest.startsWith('...') ? '...' : rest[0]!;
    if (!'[](){},:+-'.includes(punct) && punct !== '...') throw new NotALiteral();
    tokens.push({ kind: 'punct', text: punct });
    rest = rest.slice(punct.length);
  }
  return tokens;
}

function readString(text: string, prefix: string): { token: Token; length: number } {
  const raw = prefix.includes('r');
  const bytes = prefix.includes('b');
  let at = prefix.length;
  const quote = text.startsWith(text[at]!.repeat(3), at) ? text[at]!.repeat(3) : text[at]!;
  at += quote.length;
  let value = '';
  for (;;) {
    if (at >= text.length) throw new NotALiteral();
    if (text.startsWith(quote, at)) return { token: { kind: 'string', value, bytes }, length: at + quote.length };
    const ch = text[at]!;
    if (ch === '\n' && quote.length === 1) throw new NotALiteral();
    if (bytes && ch.charCodeAt(0) > 127) throw new NotALiteral();
    if (ch !== '\\') {
      value += ch;
      at++;
      continue;
    }
    const next = text[at + 1];
    if (next === undefined) throw new NotALiteral();
    if (raw) {
      value += ch + next;
      at += 2;
      continue;
    }
    const escaped = readEscape(text, at + 1, bytes);
    value += escaped.value;
    at = escaped.end;
  }
}

/** One escape sequence after a backslash at `at`: its value and where reading goes on. */
function readEscape(text: string, at: number, bytes: boolean): { value: string; end: number } {
  const next = text[at]!;
  const simple = SIMPLE_ESCAPES[next];
  if (simple !== undefined) return { value: simple, end: at + 1 };
  const octal = /^[0-7]{1,3}/.exec(text.slice(at));
  if (octal) {
    const code = parseInt(octal[0], 8);
    if (bytes && code > 0xff) throw new NotALiteral();
    return { value: String.fromCharCode(code), end: at + octal[0].length };
  }
  const hexLength = next === 'x' ? 2 : !bytes && next === 'u' ? 4 : !bytes && next === 'U' ? 8 : 0;
  if (hexLength > 0) {
    const hex = text.slice(at + 1, at + 1 + hexLength);
    if (!new RegExp(`^[0-9a-fA-F]{${hexLength}}$`).test(hex)) throw new NotALiteral();
    const code = parseInt(hex, 16);
    if (code > 0x10ffff) throw new NotALiteral();
    return { value: String.fromCodePoint(code), end: at + 1 + hexLength };
  }
  if (!bytes && next === 'N') throw new NotALiteral();
  // An unknown escape keeps its backslash (Python warns, and reads it so).
  return { value: `\\${next}`, end: at + 1 };
}

class Parser {
  private at = 0;

  constructor(private readonly tokens: Token[]) {}

  parseTop(): unknown {
    if (this.tokens.length === 0) throw new NotALiteral();
    const first = this.parseExpression();
    // `80, 443` without brackets is a tuple, as in Python.
    const value = this.peek(',') ? this.parseRestOfSequence(first, undefined) : first;
    if (this.at !== this.tokens.length) throw new NotALiteral();
    return value;
  }

  private peek(text: string): boolean {
    const token = this.tokens[this.at];
    return token?.kind === 'punct' && token.text === text;
  }

  private take(text: string): void {
    if (!this.peek(text)) throw new NotALiteral();
    this.at++;
  }

  private next(): Token {
    const token = this.tokens[this.at++];
    if (token === undefined) throw new NotALiteral();
    return token;
  }

  /** `[+-]?number [+-] imaginary` is the only arithmetic Python's literal reader allows. */
  private parseExpression(): unknown {
    const start = this.at;
    const first = this.parseSigned();
    if (!this.peek('+') && !this.peek('-')) return first.value;
    if (!first.numeric) throw new NotALiteral();
    this.at++;
    const right = this.next();
    if (right.kind !== 'number' || !/[jJ]$/.test(right.text)) throw new NotALiteral();
    return complexText(this.tokens.slice(start, this.at));
  }

  private parseSigned(): { value: unknown; numeric: boolean } {
    if (this.peek('+') || this.peek('-')) {
      const sign = this.next() as { text: string };
      const token = this.next();
      if (token.kind !== 'number') throw new NotALiteral();
      const value = numberValue(token.text);
      if (typeof value === 'number') return { value: sign.text === '-' ? -value : value, numeric: true };
      return { value: `${sign.text === '-' ? '-' : ''}${value}`, numeric: true };
    }
    const token = this.tokens[this.at];
    if (token?.kind === 'number') {
      this.at++;
      return { value: numberValue(token.text), numeric: !/[jJ]$/.test(token.text) };
    }
    return { value: this.parseAtom(), numeric: false };
  }

  private parseAtom(): unknown {
    const token = this.next();
    if (token.kind === 'string') return this.parseStrings(token);
    if (token.kind === 'name') return this.parseName(token.text);
    if (token.kind !== 'punct') throw new NotALiteral();
    if (token.text === '...') return '...';
    if (token.text === '[') return this.parseSequence(']');
    if (token.text === '(') return this.parseParenthesised();
    if (token.text === '{') return this.parseBraces();
    throw new NotALiteral();
  }

  /** Adjacent string literals join, as in Python; str and bytes may not mix. */
  private parseStrings(first: Extract<Token, { kind: 'string' }>): string {
    let value = first.value;
    for (let token = this.tokens[this.at]; token?.kind === 'string'; token = this.tokens[this.at]) {
      if (token.bytes !== first.bytes) throw new NotALiteral();
      value += token.value;
      this.at++;
    }
    return first.bytes ? decodeBytes(value) : value;
  }

  private parseName(name: string): unknown {
    if (name === 'True') return true;
    if (name === 'False') return false;
    if (name === 'None') return null;
    if (name === 'set' && this.peek('(')) {
      this.take('(');
      this.take(')');
      return [];
    }
    throw new NotALiteral();
  }

  private parseParenthesised(): unknown {
    if (this.peek(')')) {
      this.at++;
      return [];
    }
    const first = this.parseExpression();
    if (this.peek(')')) {
      this.at++;
      return first;
    }
    return this.parseRestOfSequence(first, ')');
  }

  private parseSequence(close: string): unknown[] {
    if (this.peek(close)) {
      this.at++;
      return [];
    }
    return this.parseRestOfSequence(this.parseExpression(), close);
  }

  /** After a first item: `, item`* with an optional trailing comma, then `close` (none at the top). */
  private parseRestOfSequence(first: unknown, close: string | undefined): unknown[] {
    const items = [first];
    while (this.peek(',')) {
      this.at++;
      if (close === undefined ? this.at === this.tokens.length : this.peek(close)) break;
      items.push(this.parseExpression());
    }
    if (close !== undefined) this.take(close);
    return items;
  }

  private parseBraces(): unknown {
    if (this.peek('}')) {
      this.at++;
      return {};
    }
    const first = this.parseExpression();
    if (!this.peek(':')) {
      const items = this.parseRestOfSequence(first, '}');
      // A set keeps one of equal items; `1` and `'1'` are not equal.
      const keys = new Map(items.map((item) => [`${typeof item}:${hashKey(item)}`, item]));
      return [...keys.values()];
    }
    const out: Record<string, unknown> = {};
    let key = first;
    for (;;) {
      this.take(':');
      out[hashKey(key)] = this.parseExpression();
      if (!this.peek(',')) break;
      this.at++;
      if (this.peek('}')) break;
      key = this.parseExpression();
    }
    this.take('}');
    return out;
  }
}

/** A number token as JavaScript reads it, or its text when a JSON number cannot hold it. */
function numberValue(text: string): number | string {
  if (/[jJ]$/.test(text)) return text;
  const clean = text.replaceAll('_', '');
  if (/^0[xXoObB]/.test(clean)) {
    const value = BigInt(clean.toLowerCase());
    return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
  }
  if (/^\d+$/.test(clean)) {
    // Python refuses leading zeros in a decimal integer (`08`), except for zero itself.
    if (/^0+[1-9]/.test(clean)) throw new NotALiteral();
    const value = BigInt(clean);
    return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
  }
  const value = Number(clean);
  return Number.isFinite(value) ? value : text;
}

function complexText(tokens: Token[]): string {
  return tokens.map((token) => (token.kind === 'string' ? token.value : 'text' in token ? token.text : '')).join('');
}

/** A dict key or set item as an attribute key; lists, dicts and sets cannot be keys in Python. */
function hashKey(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (value === null) return 'None';
  throw new NotALiteral();
}

function decodeBytes(value: string): string {
  const bytes = Uint8Array.from(value, (ch) => ch.charCodeAt(0) & 0xff);
  return new TextDecoder('utf-8').decode(bytes);
}

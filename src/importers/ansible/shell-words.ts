/**
 * Splits a host line as ansible-core does (Python's `shlex.split(line, comments=True)`, POSIX
 * mode): whitespace separates words; single quotes keep everything; double quotes keep
 * everything but `\"` and `\\`; a backslash outside quotes escapes the next character; `#`
 * ends the line, even in the middle of a word. Quotes are removed, so `port="22"` gives the
 * word `port=22`, which the literal reader then reads as the integer 22, as Ansible does.
 * Returns a sentence instead when a quote or an escape is left open.
 */
export function shellWords(line: string): string[] | string {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote === "'") {
      if (ch === quote) quote = undefined;
      else word += ch;
    } else if (quote === '"') {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && i + 1 < line.length) {
        const next = line[++i]!;
        word += next === '"' || next === '\\' ? next : `\\${next}`;
      } else word += ch;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else if (ch === '#') {
      break;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (ch === '\\') {
      if (i + 1 >= line.length) return 'a backslash ends the line with nothing to escape';
      word += line[++i]!;
      inWord = true;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (quote !== undefined) return `a ${quote === '"' ? 'double' : 'single'} quote is not closed`;
  if (inWord) words.push(word);
  return words;
}

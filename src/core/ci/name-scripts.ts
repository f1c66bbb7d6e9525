/**
 * Names are read by people, who cannot see which script a letter comes from: `pаypal` with a
 * Cyrillic `а` looks like `paypal`. A name whose letters mix scripts is accepted (real names do,
 * rarely) but reported as a warning with the write.
 */

// Han, kana and Hangul are written together in Japanese and Korean: one family, not a mixture.
const SCRIPTS: [string, RegExp][] = [
  ['Latin', /\p{Script_Extensions=Latin}/u],
  ['Greek', /\p{Script_Extensions=Greek}/u],
  ['Cyrillic', /\p{Script_Extensions=Cyrillic}/u],
  ['Armenian', /\p{Script_Extensions=Armenian}/u],
  ['Georgian', /\p{Script_Extensions=Georgian}/u],
  ['Hebrew', /\p{Script_Extensions=Hebrew}/u],
  ['Arabic', /\p{Script_Extensions=Arabic}/u],
  ['Devanagari', /\p{Script_Extensions=Devanagari}/u],
  ['Thai', /\p{Script_Extensions=Thai}/u],
  [
    'CJK',
    /[\p{Script_Extensions=Han}\p{Script_Extensions=Hiragana}\p{Script_Extensions=Katakana}\p{Script_Extensions=Hangul}]/u,
  ],
];

/** The scripts of a name's letters, in order of first appearance (`Other` for scripts not listed). */
export function scriptsOf(name: string): string[] {
  const found: string[] = [];
  for (const ch of name) {
    if (!/\p{L}/u.test(ch)) continue;
    const script = SCRIPTS.find(([, re]) => re.test(ch))?.[0] ?? 'Other';
    if (!found.includes(script)) found.push(script);
  }
  return found;
}

/** The warning for a CI name whose letters mix scripts, or undefined when they do not. */
export function mixedScriptWarning(ref: string, name: string): string | undefined {
  const scripts = scriptsOf(name);
  if (scripts.length < 2) return undefined;
  return `${ref}: the name mixes ${scripts.join(' and ')} letters, so it can be mistaken for another name`;
}

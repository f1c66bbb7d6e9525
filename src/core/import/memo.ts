/**
 * `look` answered once per key: a Map hit is cheaper than encoding, hashing and decoding a packed
 * text again (InputNames), and the same strings come back (their hashes kept by V8).
 * Used for one write batch's id lookups (import-run.ts), exact while nothing remembered changes.
 */
export function memo<T>(look: (key: string) => T): (key: string) => T {
  const known = new Map<string, T>();
  return (key) => {
    const found = known.get(key);
    if (found !== undefined || known.has(key)) return found as T;
    const answer = look(key);
    known.set(key, answer);
    return answer;
  };
}

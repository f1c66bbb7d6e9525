/** `k=v` strings (repeated query parameters, repeated CLI options) as a record; the first `=` splits. */
export function keyValuePairs(values: readonly string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of values ?? []) {
    const eq = p.indexOf('=');
    out[p.slice(0, eq)] = p.slice(eq + 1);
  }
  return out;
}

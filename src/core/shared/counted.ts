/** `n` and the noun that agrees with it: "1 change", "3 changes", "0 changes". */
export function counted(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

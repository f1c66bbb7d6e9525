/** Largest IN-list we bind at once: far under SQLite's 32 766 and PostgreSQL's 65 535 parameters. */
export const IN_CHUNK = 500;

/** Splits a list into chunks, to stay under the engines' limits on bound parameters. */
export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

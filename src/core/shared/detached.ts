/**
 * `text[start, end)` as a string that does not keep `text` alive: V8 makes a slice of 13 or more
 * characters a view into its parent (a page of text read at once, hundreds of kB), while a
 * concatenation is copied into a string of its own before it is sliced.
 */
export function detached(text: string, start: number, end: number): string {
  return ` ${text.slice(start, end)}`.slice(1);
}

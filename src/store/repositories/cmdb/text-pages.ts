/** A page of a scan read as one text (the graph's load), and the key the page after it starts after. */
export interface TextPage<K> {
  text: string;
  after: K;
}

/**
 * Page after page from `first` until none is left, each asked for as soon as the one before has
 * come: PostgreSQL reads it while the caller works on this one.
 */
export async function* textPages<K>(
  first: K,
  read: (after: K) => Promise<TextPage<K> | undefined>,
): AsyncIterable<string> {
  let next = read(first);
  for (;;) {
    const page = await next;
    if (page === undefined) return;
    next = read(page.after);
    // Handled here too: a reader that stops early never awaits it.
    next.catch(() => undefined);
    yield page.text;
  }
}

import pg from 'pg';

/** One statement the PostgreSQL driver was given: when, on which client, and when it was answered. */
export interface Sent {
  client: unknown;
  text: string;
  /** Its parameters, when it had any. */
  values?: unknown[];
  issued: number;
  answered?: number;
}

/**
 * The statements the PostgreSQL driver is given while `work` runs, in order, each with the moment
 * (a counter of driver events) it was issued and answered: the real driver, watched. Given
 * `sent`, the statements are added to it as they are issued, for a test to look at meanwhile.
 */
export async function driverEvents(work: () => Promise<unknown>, sent: Sent[] = []): Promise<Sent[]> {
  let clock = 0;
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const query = Object.getOwnPropertyDescriptor(proto, 'query')!;
  Object.defineProperty(proto, 'query', {
    ...query,
    value: function (this: pg.Client, ...args: unknown[]) {
      const q = args[0] as string | { text?: string; values?: unknown[] };
      const values = typeof q === 'string' ? (args[1] as unknown[] | undefined) : q.values;
      const entry: Sent = {
        client: this,
        text: typeof q === 'string' ? q : (q.text ?? ''),
        ...(values ? { values } : {}),
        issued: ++clock,
      };
      sent.push(entry);
      // A query given as a pg.Query answers through its callback (the store's way), a text or a
      // config through the promise it returns.
      if (q instanceof pg.Query) {
        const withCallback = q as pg.Query & { callback?: (...a: unknown[]) => unknown };
        const callback = withCallback.callback;
        withCallback.callback = (...a: unknown[]) => {
          entry.answered = ++clock;
          return callback?.(...a);
        };
      }
      const result = (query.value as (...a: unknown[]) => unknown).apply(this, args);
      if (result instanceof Promise)
        void result.then(
          () => (entry.answered = ++clock),
          () => (entry.answered = ++clock),
        );
      return result;
    },
  });
  try {
    await work();
  } finally {
    Object.defineProperty(proto, 'query', query);
  }
  return sent;
}

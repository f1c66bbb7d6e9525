/**
 * An event as a write records it, inside the write's own transaction (the transactional outbox):
 * it exists exactly when the write committed. The events module relays each entry into delivery
 * jobs afterwards, giving it its event id then. `type` is one of the events module's EVENT_TYPES;
 * modules below it name their own and the events module decides what the data becomes.
 */
export interface OutboxEntry {
  type: string;
  /** When the write happened (UTC ISO-8601): the event's `at`. */
  at: string;
  data: unknown;
}

/** What a write transaction offers to record its events. */
export interface OutboxWriter {
  appendEvents(entries: readonly OutboxEntry[]): Promise<void>;
}

/** Where each parameter of a compiled statement comes from: an argument, or a constant the builder wrote. */
export type Slot = { arg: number } | { constant: unknown };

/**
 * A compiled statement's SQL and its parameters' sources (QueryTemplate.shape). Plain data, so it
 * can be handed to a worker thread, which binds it without loading Kysely.
 */
export interface StatementShape {
  sql: string;
  slots: Slot[];
}

/** The parameters of `shape` for these arguments, in the order the SQL binds them. */
export function boundParameters(shape: StatementShape, args: readonly unknown[]): unknown[] {
  return shape.slots.map((s) => ('arg' in s ? args[s.arg] : s.constant));
}

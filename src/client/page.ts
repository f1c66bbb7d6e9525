/** One page of a list: its items, the cursor of the next page (null on the last), and the total where it is cheap. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  /** How many items the whole list has; given on the first page only, and only where counting is cheap. */
  total?: number;
}

/** What a caller asks of a paged list: at most `limit` items, after the `cursor` of the previous page. */
export interface PageQuery {
  limit?: number;
  cursor?: string;
}

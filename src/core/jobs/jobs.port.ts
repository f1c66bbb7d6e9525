/** A unit of background work in the database-backed queue. */
export interface Job<P = unknown> {
  id: string;
  kind: string;
  payload: P;
  attempts: number;
  createdAt: string;
}

/**
 * The job queue: jobs survive restarts and any process may take one. A claimed job is leased
 * (not deleted) until completed, so a process that dies mid-job lets another retry it later.
 */
export interface JobQueue {
  enqueue(kind: string, payload: unknown, runAt?: string): Promise<string>;
  /** Takes up to `limit` due jobs, leasing them to `worker` for `leaseMs`; no job goes to two workers. */
  claim(worker: string, limit: number, leaseMs: number): Promise<Job[]>;
  complete(id: string): Promise<void>;
  /** Returns the job to the queue to run again at `runAt`, counting the attempt. */
  retry(id: string, runAt: string, error: string): Promise<void>;
  fail(id: string, error: string): Promise<void>;
  counts(): Promise<Record<string, number>>;
}

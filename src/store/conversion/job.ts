import type { Job } from '../../core/jobs/jobs.port.js';
import type { JobRow } from '../repositories/job/job.table.js';
import { readJson, readTime } from './values.js';

/** A claimed job: the columns the claim returns. */
export function rowToJob(r: Pick<JobRow, 'id' | 'kind' | 'payload' | 'attempts' | 'created_at'>): Job {
  return {
    id: r.id,
    kind: r.kind,
    payload: readJson(r.payload),
    attempts: Number(r.attempts),
    createdAt: readTime(r.created_at),
  };
}

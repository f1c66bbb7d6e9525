import type { Kysely } from 'kysely';
import type { Database } from '../../database.js';
import type { Engine } from '../../engine.js';
import { DriftAuthorityRepository } from './drift-authority.repository.js';
import { DriftFindingRepository } from './drift-finding.repository.js';
import { DriftReviewRepository } from './drift-review.repository.js';
import { DriftSuppressionRepository } from './drift-suppression.repository.js';

/** Drift's repositories on one connection: the pool, or a drift write transaction's. */
export interface DriftRepositories {
  findings: DriftFindingRepository;
  suppressions: DriftSuppressionRepository;
  authority: DriftAuthorityRepository;
  reviews: DriftReviewRepository;
}

export function driftRepositories(db: Kysely<Database>, engine: Engine): DriftRepositories {
  return {
    findings: new DriftFindingRepository(db, engine),
    suppressions: new DriftSuppressionRepository(db),
    authority: new DriftAuthorityRepository(db),
    reviews: new DriftReviewRepository(db),
  };
}

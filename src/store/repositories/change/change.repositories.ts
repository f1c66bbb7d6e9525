import type { Kysely } from 'kysely';
import type { Database } from '../../database.js';
import { ChangeRepository } from './change.repository.js';
import { PolicyRepository } from './policy.repository.js';
import { EnvironmentRepository } from './environment.repository.js';
import { UnauthorizedChangeRepository } from './unauthorized-change.repository.js';
import { UserGroupRepository } from './user-group.repository.js';

/** Change enablement's repositories on one connection: the pool, or a CMDB write transaction's. */
export interface ChangeRepositories {
  changes: ChangeRepository;
  userGroups: UserGroupRepository;
  policies: PolicyRepository;
  environments: EnvironmentRepository;
  unauthorized: UnauthorizedChangeRepository;
}

export function changeRepositories(db: Kysely<Database>): ChangeRepositories {
  return {
    changes: new ChangeRepository(db),
    userGroups: new UserGroupRepository(db),
    policies: new PolicyRepository(db),
    environments: new EnvironmentRepository(db),
    unauthorized: new UnauthorizedChangeRepository(db),
  };
}

import { CiRepository } from './ci.repository.js';
import { ImpactEdgesRepository } from './impact-edges.repository.js';
import type { BulkTarget } from './insert-versions.js';
import { ModelRepository } from './model.repository.js';
import { RelationRepository } from './relation.repository.js';
import { RevisionRepository } from './revision.repository.js';
import { RevisionHashPagesRepository } from './revision-hash-pages.repository.js';
import { UnresolvedRefRepository } from '../refs/unresolved-ref.repository.js';
import { VersionHistoryRepository } from './version-history.repository.js';

/** The CMDB's repositories, one per table, on one connection: the pool, or a write transaction's. */
export interface CmdbRepositories {
  revisions: RevisionRepository;
  cis: CiRepository;
  relations: RelationRepository;
  impactEdges: ImpactEdgesRepository;
  model: ModelRepository;
  history: VersionHistoryRepository;
  hashPages: RevisionHashPagesRepository;
  unresolved: UnresolvedRefRepository;
}

export function cmdbRepositories(on: BulkTarget): CmdbRepositories {
  return {
    revisions: new RevisionRepository(on.db, on.engine, on.native, on.writing === true),
    cis: new CiRepository(on),
    relations: new RelationRepository(on),
    impactEdges: new ImpactEdgesRepository(on.db, on.engine),
    model: new ModelRepository(on.db),
    history: new VersionHistoryRepository(on),
    hashPages: new RevisionHashPagesRepository(on.db, on.engine, on.native),
    unresolved: new UnresolvedRefRepository(on.db),
  };
}

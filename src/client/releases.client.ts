import type { CreateReleaseBody, ReleasePage, ReleaseQuery, ReleaseView } from '../contracts/release.contracts.js';

/** Releases: a service at a semantic version, proposed, then approved or rejected by a release manager. */
export interface ReleasesClient {
  /** Proposes a release; `document` holds release.yaml's notes, artifacts and plan. */
  create(
    body: CreateReleaseBody | (Record<string, unknown> & { service: string; version: string }),
  ): Promise<ReleaseView>;
  show(service: string, version: string): Promise<ReleaseView>;
  list(query?: ReleaseQuery): Promise<ReleasePage>;
  approve(service: string, version: string, comment?: string): Promise<ReleaseView>;
  reject(service: string, version: string, comment: string | undefined): Promise<ReleaseView>;
}

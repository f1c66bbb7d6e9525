import type { DesiredState } from '../ci/desired-state.js';

export const RELEASE_STATES = ['proposed', 'approved', 'rejected'] as const;
/** proposed → approved | rejected, by a release manager who did not request it. */
export type ReleaseState = (typeof RELEASE_STATES)[number];

/** A built thing a release ships: a container image, a package, an archive. */
export interface Artifact {
  name: string;
  /** Content digest, e.g. `sha256:…`: what a deployment must find at `location`. */
  digest: string;
  /** Where it is kept: a registry reference or a URL. */
  location: string;
  /** The dependencies an importer read from a lockfile, when known. */
  dependencies?: { name: string; version: string }[];
}

/** A service (a CI) at a semantic version, with what it ships and what it changes in an environment. */
export interface Release {
  /** `rel_01J…`. */
  id: string;
  /** The service's CI, `class/name`. */
  service: string;
  /** A semantic version (semver.ts). */
  version: string;
  notes: string;
  artifacts: Artifact[];
  /**
   * The CI updates the release makes in an environment: the service's `version` attribute, plus
   * the plan of release.yaml (apply format), e.g. a deployment's new image tag.
   */
  updates: DesiredState;
  state: ReleaseState;
  requestedBy: string;
  createdAt: string;
  /** The release manager who approved or rejected it, when, and why. */
  decidedBy: string | null;
  decidedAt: string | null;
  decisionComment: string | null;
}

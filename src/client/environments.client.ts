import type {
  EnvironmentsApplied,
  EnvironmentsBody,
  EnvironmentsCheck,
  EnvironmentsView,
  EnvironmentVersionList,
} from '../contracts/environment.contracts.js';

/** Environments as data, in promotion order, versioned like the policy (`cairn env`). */
export interface EnvironmentsClient {
  /** The environments in force, with their version (0: the built-in default). */
  list(): Promise<EnvironmentsView>;
  /** Applies an environments document (as a person wrote it) as a new version; an unchanged one writes nothing. */
  apply(document: EnvironmentsBody | Record<string, unknown>): Promise<EnvironmentsApplied>;
  /** Checks a document as `apply` would (throws its ENVIRONMENTS_INVALID), writing nothing. */
  check(document: EnvironmentsBody | Record<string, unknown>): Promise<EnvironmentsCheck>;
  /** Every applied version, oldest first. */
  versions(): Promise<EnvironmentVersionList>;
  /** One applied version, whole. */
  version(n: number): Promise<EnvironmentsView>;
}

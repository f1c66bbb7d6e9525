/** What the plan touches and what that affects, computed from the graph. */
export interface ImpactSummary {
  /** `class/name` of every CI the plan creates, modifies or deletes. */
  touched: string[];
  /** `class/name` of every CI in the touched CIs' impact sets (touched ones excluded). */
  impacted: string[];
  /** The business services among touched and impacted, called out for people. */
  businessServices: string[];
  /** Environments (attributes.environment) of touched and impacted CIs. */
  environments: string[];
  /**
   * The touched CIs as they will be after the change (class with ancestors, environment, labels):
   * what policy rules match on.
   */
  cis?: TouchedCi[];
}

/** A CI the plan touches, with the facts approval rules match on. */
export interface TouchedCi {
  ref: string;
  class: string;
  ancestors: string[];
  environment?: string;
  labels: Record<string, string>;
}

import type { ChangeType } from '../lifecycle/change-lifecycle.js';
import type { StandardTemplate } from './templates.js';
import type { BusinessHours, RiskLevel, RiskThresholds } from '../risk/risk.types.js';
import type { FreezeWindow, MaintenanceWindow } from '../schedule/windows.js';

/** A named set of people who approve on behalf of a function (CAB, change managers, …). */
export interface PolicyGroup {
  name: string;
  members: string[];
  description?: string;
  /**
   * Members also come from the identity provider's claims (single sign-on): a quorum is not
   * checked against the members listed here, who may be none.
   */
  fromProvider?: boolean;
}

/** `quorum` distinct members of `group` must approve. */
export interface ApprovalRequirement {
  group: string;
  quorum: number;
}

/**
 * When a rule applies. Every criterion given must hold; `class`, `environment` and `labels` hold
 * when at least one CI the plan touches has them.
 */
export interface PolicyMatch {
  type?: ChangeType[];
  risk?: RiskLevel[];
  class?: string[];
  environment?: string[];
  labels?: Record<string, string>;
}

/** Every matching rule adds its requirements (the highest quorum per group wins). */
export interface PolicyRule {
  name?: string;
  match: PolicyMatch;
  require: ApprovalRequirement[];
  /** The CAB must approve too (with the quorum of `Policy.cab`). */
  cab?: boolean;
}

/** Policy: rules kept as data that decide approvals, change control and the calendar. */
export interface Policy {
  groups: PolicyGroup[];
  rules: PolicyRule[];
  /** The change advisory board: who `cab: true` refers to. Default `{ group: 'cab', quorum: 1 }`. */
  cab: ApprovalRequirement;
  /** Emergency approvers: when set, they alone authorize emergency changes. */
  emergency?: ApprovalRequirement;
  /** CIs whose attributes.environment is listed (case-insensitive) are under change control. */
  control: { environments: string[] };
  freeze: FreezeWindow[];
  maintenance: MaintenanceWindow[];
  risk: { thresholds?: Partial<RiskThresholds>; businessHours?: BusinessHours };
  /** The catalog of standard-change templates. */
  templates: StandardTemplate[];
}

/** A policy that requires nothing beyond the safe defaults: production is controlled, the CAB decides. */
export function defaultPolicy(): Policy {
  return {
    groups: [],
    rules: [],
    cab: { group: 'cab', quorum: 1 },
    control: { environments: ['production'] },
    freeze: [],
    maintenance: [],
    risk: {},
    templates: [],
  };
}

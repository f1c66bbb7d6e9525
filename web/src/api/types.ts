/** The API's shapes, from the TypeBox contracts the server validates with (src/contracts). */
import type { Static } from '@sinclair/typebox';
import type { SessionView } from '../../../src/contracts/auth.contracts.js';
import type { FindingView } from '../../../src/contracts/drift.contracts.js';
import type { CiPage, CiView, ImpactReport, RelationView } from '../../../src/contracts/ci.contracts.js';
import type { Baseline, ClassDetail, DiffView, RevisionPage, RevisionView } from '../../../src/contracts/history.contracts.js';
import type { UiInfo } from '../../../src/contracts/ui.contracts.js';

export type { CiView, UiInfo };
export type Session = Static<typeof SessionView>;
export type CiPageView = Static<typeof CiPage>;
export type Relation = Static<typeof RelationView>;
export type Impact = Static<typeof ImpactReport>;
export type Revision = Static<typeof RevisionView>;
export type RevisionPageView = Static<typeof RevisionPage>;
export type BaselineView = Static<typeof Baseline>;
export type Diff = Static<typeof DiffView>;
export type ClassInfo = Static<typeof ClassDetail>;

/** The change contracts are open objects checked by the core; these are the core's own types. */
export type { Change, HistoryEntry } from '../../../src/core/change/change.types.js';
export type { Approval } from '../../../src/core/policy/approvals.js';
export type { ChangeState } from '../../../src/core/lifecycle/change-lifecycle.js';
export type { ChangeView } from '../../../src/core/change/change-view.js';
export type { RiskAssessment, RiskFactor } from '../../../src/core/risk/risk.types.js';
export type { CalendarEntry } from '../../../src/core/schedule/calendar.js';
export type { Conflict } from '../../../src/core/schedule/conflicts.js';

/** An element of GET /classes: a class of the model. */
export interface ModelClass {
  name: string;
  parent?: string;
  description?: string;
  controlled?: boolean;
  statuses?: string[];
}

export type DriftFinding = Static<typeof FindingView>;

/** The API's shapes the pages use, from the TypeBox contracts the server validates with (src/contracts). */
import type { Static } from '@sinclair/typebox';
import type { ChangeRecord, ChangeShow, ListChangesQuery, RiskView } from '../../src/contracts/change.contracts.js';

export type { ActionName as Action, SessionView as Session } from '../../src/contracts/auth.contracts.js';
export type { CalendarEntryView as CalendarEntry, Transition } from '../../src/contracts/change.contracts.js';
export type { ClassView as ModelClass, DiffView as Diff } from '../../src/contracts/history.contracts.js';
export type { UiInfo, Vocabulary } from '../../src/contracts/ui.contracts.js';
export type Change = ChangeRecord;
export type ChangeView = ChangeShow;
export type RiskAssessment = Static<typeof RiskView>;

/** A change state as a query names it (the server checks a state read from the address bar). */
export type ChangeState = NonNullable<ListChangesQuery['state']>[number];
export type { FindingsQuery } from '../../src/contracts/drift.contracts.js';
export type { MetricsReportView as MetricsReport } from '../../src/contracts/report.contracts.js';

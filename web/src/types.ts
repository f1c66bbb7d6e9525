/** The API's shapes the pages use, from the TypeBox contracts the server validates with (src/contracts). */
import type { Static } from '@sinclair/typebox';
import type { ChangeRecord, ChangeShow, ListChangesQuery, RiskView } from '../../src/contracts/change.contracts.js';

export type { ActionName as Action, SessionView as Session } from '../../src/contracts/auth.contracts.js';
export type { CalendarEntryView as CalendarEntry, Transition } from '../../src/contracts/change.contracts.js';
export type { DiffView as Diff } from '../../src/contracts/history.contracts.js';
export type { UiInfo, Vocabulary } from '../../src/contracts/ui.contracts.js';
export type Change = ChangeRecord;
export type ChangeView = ChangeShow;
export type RiskAssessment = Static<typeof RiskView>;

/** An element of GET /classes (the contract leaves a class an open object): what the pages read of it. */
export type ModelClass = {
  name: string;
  parent?: string;
  description?: string;
  controlled?: boolean;
  statuses?: string[];
};

/** A change state as a query names it (the server checks a state read from the address bar). */
export type ChangeState = NonNullable<ListChangesQuery['state']>[number];
export type { FindingsQuery } from '../../src/contracts/drift.contracts.js';

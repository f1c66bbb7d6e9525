import { Type, type Static } from '@sinclair/typebox';
import { ChangeDocument } from '../core/change/change-document.schema.js';
import { Fields } from '../core/shared/schema-words.js';
import { ChangeParams, ConflictView, ImpactSummaryView, PlanCiChangeView, RiskView } from './change.contracts.js';

/*
 * What the change form needs besides create: a preview of a change document as it is typed
 * (impact, risk, conflicts, approvals; writes nothing) and the edit of a draft.
 */

/** A change document being written: as change.yaml, but the title may still be missing. */
export const ChangePreviewBody = Fields(
  { ...ChangeDocument.properties, title: Type.Optional(ChangeDocument.properties.title) },
  { title: 'ChangePreviewDocument', 'x-message': 'must be a mapping with type and plan' },
);
export type ChangePreviewBody = Static<typeof ChangePreviewBody>;

export const ChangePreviewQuery = Type.Object(
  {
    ref: Type.Optional({
      ...ChangeParams.properties.ref,
      description: 'the change the document would replace (edit or replan): CHG-42',
    }),
  },
  { additionalProperties: false },
);
export type ChangePreviewQuery = Static<typeof ChangePreviewQuery>;

export const ChangePreviewView = Type.Object(
  {
    planChanges: Type.Array(PlanCiChangeView, { description: 'the plan old → new against the current state' }),
    impact: ImpactSummaryView,
    risk: RiskView,
    conflicts: Type.Array(ConflictView, { description: 'with the calendar, in the document’s window' }),
    required: Type.Array(
      Type.Object({ group: Type.String(), quorum: Type.Integer(), because: Type.Array(Type.String()) }),
      { description: 'the approvals the policy asks for at this risk' },
    ),
    replan: Type.Optional(
      Type.Object(
        {
          ref: Type.String(),
          from: Type.String({ description: 'the state the change is in' }),
          to: Type.String({ description: 'the state saving this plan leaves it in' }),
          voided: Type.Integer({ description: 'approvals and rejections given so far that saving it voids' }),
        },
        { description: 'with ref: what saving this plan over the change does to it' },
      ),
    ),
  },
  { title: 'ChangePreview' },
);
export type ChangePreviewView = Static<typeof ChangePreviewView>;

/** A draft's new content: a whole change document, as at create. */
export const EditChangeBody = ChangeDocument;
export type EditChangeBody = Static<typeof EditChangeBody>;

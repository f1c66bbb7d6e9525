import { Type, type Static } from '@sinclair/typebox';
import { ActionName, RoleName } from './auth.contracts.js';
import { VerifyResult } from './history.contracts.js';

/** One role: what it is for and every action it allows (the permission table, read from the server). */
export const RoleView = Type.Object(
  { name: RoleName, purpose: Type.String(), actions: Type.Array(ActionName) },
  { title: 'Role' },
);
export type RoleView = Static<typeof RoleView>;

export const RolesView = Type.Object(
  {
    roles: Type.Array(RoleView, { description: 'every role, from least to most trusted' }),
    actions: Type.Array(ActionName, { description: 'every action an endpoint may need' }),
  },
  { title: 'Roles' },
);
export type RolesView = Static<typeof RolesView>;

/** What `POST /policy/check` found: the document is valid; what applying it would do. */
export const PolicyCheck = Type.Object(
  {
    valid: Type.Literal(true),
    changed: Type.Boolean({ description: 'false: the document equals the policy in force (apply writes nothing)' }),
    leavingControl: Type.Array(Type.String(), {
      description: 'environments the document takes out of change control (only admins may apply that)',
    }),
  },
  { title: 'PolicyCheck' },
);
export type PolicyCheck = Static<typeof PolicyCheck>;

/** A verification of the audit chain as recorded (`POST /audit/verifications`). */
export const VerificationRecordView = Type.Object(
  {
    id: Type.String(),
    at: Type.String({ format: 'date-time' }),
    by: Type.String({ description: 'who verified' }),
    ok: Type.Boolean(),
    revisions: Type.Integer(),
    firstBad: Type.Union([Type.Object({ rev: Type.Integer(), reason: Type.String() }), Type.Null()]),
    problemCount: Type.Integer(),
  },
  { title: 'AuditVerificationRecord' },
);
export type VerificationRecordView = Static<typeof VerificationRecordView>;

export const RecordedVerification = Type.Object(
  { record: VerificationRecordView, result: VerifyResult },
  { title: 'RecordedAuditVerification' },
);
export type RecordedVerification = Static<typeof RecordedVerification>;

export const VerificationList = Type.Object(
  { items: Type.Array(VerificationRecordView, { description: 'newest first' }) },
  { title: 'AuditVerificationList' },
);
export type VerificationList = Static<typeof VerificationList>;
export const VerificationListQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});

import { Type, type Static } from '@sinclair/typebox';
import { MAX_ATTENDEES, MAX_NOTES } from '../core/change/cab-minutes.js';

const MeetingDate = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  description: 'the meeting date, YYYY-MM-DD (UTC)',
});
const MinutesId = Type.String({ pattern: '^cab_[0-9A-Za-z]{1,40}$', description: 'cab_…' });
const Attendees = Type.Array(Type.String({ minLength: 1, maxLength: 200 }), {
  minItems: 1,
  maxItems: MAX_ATTENDEES,
  description: 'people of the change workflow who attended',
});
const Notes = Type.String({ maxLength: MAX_NOTES, description: 'the minutes, free text' });

/** One decision taken at the meeting: an approval record of the change workflow. */
export const CabDecisionView = Type.Object(
  {
    approval: Type.Integer({ description: "the approval record's sequence number in the approvals chain" }),
    change: Type.String(),
    title: Type.String(),
    decision: Type.Union([Type.Literal('approve'), Type.Literal('reject')]),
    by: Type.String(),
    group: Type.String(),
    comment: Type.Union([Type.String(), Type.Null()]),
    at: Type.String(),
  },
  { title: 'CabDecision' },
);

/** The minutes of a CAB meeting: open (editable) until closed, then never changed. */
export const CabMinutesView = Type.Object(
  {
    id: Type.String(),
    date: Type.String(),
    attendees: Type.Array(Type.String()),
    notes: Type.String(),
    decisions: Type.Array(CabDecisionView, {
      description: "the attendees' approve and reject records of the meeting's day, gathered by the server",
    }),
    recordedBy: Type.String(),
    recordedAt: Type.String(),
    updatedAt: Type.String(),
    closedBy: Type.Union([Type.String(), Type.Null()]),
    closedAt: Type.Union([Type.String(), Type.Null()]),
    corrects: Type.Union([Type.String(), Type.Null()], { description: 'the closed minutes this record corrects' }),
  },
  { title: 'CabMinutes' },
);
export type CabMinutesView = Static<typeof CabMinutesView>;
export const CabMinutesList = Type.Array(CabMinutesView, { title: 'CabMinutesList' });

export const RecordMinutesBody = Type.Object(
  { date: MeetingDate, attendees: Attendees, notes: Notes, corrects: Type.Optional(MinutesId) },
  { additionalProperties: false, title: 'RecordCabMinutes' },
);
export type RecordMinutesBody = Static<typeof RecordMinutesBody>;

export const UpdateMinutesBody = Type.Object(
  { attendees: Attendees, notes: Notes },
  { additionalProperties: false, title: 'UpdateCabMinutes' },
);
export type UpdateMinutesBody = Static<typeof UpdateMinutesBody>;

export const MinutesParams = Type.Object({ id: MinutesId });
export const MinutesQuery = Type.Object({
  date: Type.Optional(MeetingDate),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
});
export type MinutesQuery = Static<typeof MinutesQuery>;

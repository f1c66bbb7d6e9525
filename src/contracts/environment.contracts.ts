import { Type, type Static } from '@sinclair/typebox';
import { EnvironmentsDocument } from '../core/policy/environments.schema.js';

/** Environments over HTTP: `GET/POST /environments`, their versions and a dry-run check. */

const Window = Type.Object(
  {
    name: Type.String(),
    start: Type.String({ description: 'ISO-8601 UTC' }),
    end: Type.Optional(Type.String()),
    duration: Type.Optional(Type.String({ description: 'ISO-8601 duration, e.g. PT4H' })),
    rrule: Type.Optional(Type.String()),
    description: Type.Optional(Type.String()),
    scope: Type.Optional(
      Type.Object({
        services: Type.Optional(Type.Array(Type.String())),
        environments: Type.Optional(Type.Array(Type.String())),
      }),
    ),
  },
  { title: 'EnvironmentWindow' },
);

export const EnvironmentView = Type.Object(
  {
    name: Type.String(),
    description: Type.Optional(Type.String()),
    require: Type.Array(Type.Object({ group: Type.String(), quorum: Type.Integer({ minimum: 1 }) }), {
      description: 'the approvals a promotion into it needs',
    }),
    controlled: Type.Boolean({ description: 'a promotion into it needs an authorized change covering it' }),
    freezes: Type.Array(Type.String(), { description: 'names of the policy’s freeze windows that apply to it' }),
    windows: Type.Array(Window, { description: 'freeze windows of its own' }),
  },
  { title: 'Environment' },
);
export type EnvironmentView = Static<typeof EnvironmentView>;

const VersionFields = {
  version: Type.Integer({ description: '0: the built-in default (none applied yet)' }),
  appliedAt: Type.Union([Type.String(), Type.Null()]),
  appliedBy: Type.Union([Type.String(), Type.Null()]),
  hash: Type.Union([Type.String(), Type.Null()], { description: 'the version’s hash, chained to the one before' }),
};

/** The environments in force, in promotion order (`cairn env list`). */
export const EnvironmentsView = Type.Object(
  { ...VersionFields, environments: Type.Array(EnvironmentView) },
  { title: 'Environments' },
);
export type EnvironmentsView = Static<typeof EnvironmentsView>;

/** What `POST /environments` did (`cairn env apply`). */
export const EnvironmentsApplied = Type.Object(
  { ...VersionFields, changed: Type.Boolean(), environments: Type.Array(EnvironmentView) },
  { title: 'EnvironmentsApplied' },
);
export type EnvironmentsApplied = Static<typeof EnvironmentsApplied>;

/** What `POST /environments/check` found (`cairn env apply --dry-run`). */
export const EnvironmentsCheck = Type.Object(
  {
    valid: Type.Literal(true),
    changed: Type.Boolean({ description: 'false: the document equals the environments in force' }),
    leavingControl: Type.Array(Type.String(), {
      description: 'environments the document takes out of change control (only admins may apply that)',
    }),
    environments: Type.Array(EnvironmentView),
  },
  { title: 'EnvironmentsCheck' },
);
export type EnvironmentsCheck = Static<typeof EnvironmentsCheck>;

/** Every applied version, oldest first. */
export const EnvironmentVersionList = Type.Object(
  { items: Type.Array(Type.Object(VersionFields, { title: 'EnvironmentsVersion' })) },
  { title: 'EnvironmentVersionList' },
);
export type EnvironmentVersionList = Static<typeof EnvironmentVersionList>;

export const EnvironmentVersionParams = Type.Object({ version: Type.Integer({ minimum: 1 }) });

/** An environments.yaml document, checked in depth by the core. */
export const EnvironmentsBody = EnvironmentsDocument;
export type EnvironmentsBody = Static<typeof EnvironmentsBody>;

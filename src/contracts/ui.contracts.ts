import { Type, type Static } from '@sinclair/typebox';
import { SignInOptions } from './sso.contracts.js';

/** A login the demo sets up, shown on the web UI's login page when the server runs with `--demo`. */
export const DemoLogin = Type.Object(
  { username: Type.String(), password: Type.String(), roles: Type.Array(Type.String()), displayName: Type.String() },
  { title: 'DemoLogin' },
);
export type DemoLogin = Static<typeof DemoLogin>;

/**
 * The words the core's rules are written in, for a client's filters and forms: the browser
 * learns them from the server rather than importing the core.
 */
export const Vocabulary = Type.Object(
  {
    changeStates: Type.Array(Type.String()),
    openChangeStates: Type.Array(Type.String({ description: 'a change in these states is under way' })),
    changeTypes: Type.Array(Type.String()),
    changeOutcomes: Type.Array(Type.String({ description: 'what a review may record' })),
    findingKinds: Type.Array(Type.String()),
    findingStates: Type.Array(Type.String()),
    classifications: Type.Array(Type.String({ description: 'what a drift finding is judged to be' })),
  },
  { title: 'Vocabulary' },
);
export type Vocabulary = Static<typeof Vocabulary>;

/** What the web UI needs before anyone logs in: is this a demo, with which logins, how to sign in, and the vocabulary. */
export const UiInfo = Type.Object(
  {
    demo: Type.Boolean(),
    demoLogins: Type.Array(DemoLogin),
    signIn: SignInOptions,
    version: Type.String(),
    vocabulary: Vocabulary,
  },
  { title: 'UiInfo' },
);
export type UiInfo = Static<typeof UiInfo>;

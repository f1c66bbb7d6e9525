import { Type, type Static } from '@sinclair/typebox';

/** A login the demo sets up, shown on the web UI's login page when the server runs with `--demo`. */
export const DemoLogin = Type.Object(
  { username: Type.String(), password: Type.String(), roles: Type.Array(Type.String()), displayName: Type.String() },
  { title: 'DemoLogin' },
);
export type DemoLogin = Static<typeof DemoLogin>;

/** What the web UI needs before anyone logs in: is this a demo, and with which logins. */
export const UiInfo = Type.Object(
  { demo: Type.Boolean(), demoLogins: Type.Array(DemoLogin), version: Type.String() },
  { title: 'UiInfo' },
);
export type UiInfo = Static<typeof UiInfo>;

import type { DemoLogin } from '../contracts/ui.contracts.js';
import { loadDemo } from '../demo/load-demo.js';
import type { ApiServices } from './services.js';

/** The password of every demo login (the password rule asks for at least 10 characters). */
export const DEMO_PASSWORD = 'cairn-demo';

/**
 * The people of the sample estate (src/demo) as users who can log in, each with the role of their
 * part in the demo's changes, a configuration manager and a read-only auditor (so that every
 * role can be tried), plus an admin.
 */
export const DEMO_LOGINS: DemoLogin[] = [
  { username: 'alice', password: DEMO_PASSWORD, roles: ['requester'], displayName: 'Alice · requester' },
  { username: 'bob', password: DEMO_PASSWORD, roles: ['implementer'], displayName: 'Bob · implementer' },
  { username: 'carol', password: DEMO_PASSWORD, roles: ['cab_member'], displayName: 'Carol · CAB member' },
  { username: 'dave', password: DEMO_PASSWORD, roles: ['cab_member'], displayName: 'Dave · CAB member' },
  { username: 'erin', password: DEMO_PASSWORD, roles: ['change_manager'], displayName: 'Erin · change manager' },
  {
    username: 'frank',
    password: DEMO_PASSWORD,
    roles: ['configuration_manager'],
    displayName: 'Frank · configuration manager',
  },
  { username: 'rita', password: DEMO_PASSWORD, roles: ['release_manager'], displayName: 'Rita · release manager' },
  { username: 'grace', password: DEMO_PASSWORD, roles: ['auditor'], displayName: 'Grace · auditor (read-only)' },
  { username: 'admin', password: DEMO_PASSWORD, roles: ['admin'], displayName: 'Admin' },
];

/**
 * `cairn serve --demo`: loads the sample estate that `cairn demo` loads (src/demo: an Amsterdam
 * data centre with an online shop, its history, changes and the `go-live` baseline), so the
 * server and the CLI show the same first look. Does nothing when the CMDB already holds CIs;
 * returns the head revision when it loaded the estate.
 *
 * It also creates the demo logins, but only when it just loaded the estate or nobody can log in
 * yet: `--demo` on a real database never adds users with a published password.
 */
export async function loadDemoEstate(s: ApiServices): Promise<number | undefined> {
  const noUsers = (await s.auth.listUsers()).length === 0;
  const summary = await loadDemo(s);
  if (summary.loaded || noUsers) await ensureDemoUsers(s);
  return summary.loaded ? summary.revision : undefined;
}

/** Creates each demo login that does not exist yet; existing users are left as they are. */
export async function ensureDemoUsers(s: Pick<ApiServices, 'auth'>): Promise<void> {
  const existing = new Set((await s.auth.listUsers()).map((u) => u.username));
  for (const login of DEMO_LOGINS) {
    if (!existing.has(login.username))
      await s.auth.createUser({ username: login.username, password: login.password, roles: login.roles });
  }
}

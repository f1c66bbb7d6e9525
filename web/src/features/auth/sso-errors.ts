/**
 * Why a sign-in at the identity provider failed, as the server named it in `?sso_error=CODE`
 * when it sent the browser back (docs/errors.md). Fixed sentences: nothing from the address bar
 * is shown as text, so a crafted link cannot put words on the login page.
 */
const MESSAGES: Record<string, string> = {
  SSO_TOKEN_INVALID:
    'The identity provider’s answer could not be verified, so you were not signed in. Try again; if it keeps happening, tell your administrator.',
  SSO_STATE_MISMATCH:
    'That sign-in was not started from this browser, or took longer than 10 minutes. Start again with the button below.',
  SSO_PROVIDER_ERROR: 'The identity provider could not be reached or refused the sign-in. Try again in a moment.',
  SSO_ACCOUNT_IS_LOCAL:
    'Your username belongs to a Cairn account with a password: sign in with it, or ask an administrator to move the account to single sign-on.',
  SSO_SUBJECT_MISMATCH: 'Your username is linked to another person at the identity provider. Ask an administrator.',
  SSO_USER_DISABLED: 'Your Cairn account is disabled. Ask an administrator.',
  SSO_NO_ROLE: 'Your account at the identity provider gives you no role in Cairn. Ask an administrator for one.',
  SSO_NO_USERNAME: 'The identity provider did not send a username Cairn can use. Ask an administrator.',
  SSO_NOT_CONFIGURED: 'Single sign-on is not set up on this server.',
};

/** The sentence for the `sso_error` of the address, or undefined when there is none. */
export function ssoErrorOf(search: string): string | undefined {
  const code = new URLSearchParams(search).get('sso_error');
  if (code === null) return undefined;
  return MESSAGES[code] ?? 'Single sign-on failed. Try again.';
}

import { useEffect, useState, type FormEvent } from 'react';
import { client } from '../../client.js';
import type { Session, UiInfo } from '../../types.js';
import { humanize } from '../../ui/format.js';
import { ErrorBox } from '../../ui/widgets.js';
import { ssoErrorOf } from './sso-errors.js';

/**
 * "Sign in with <provider>" when single sign-on is set up, username and password unless the
 * server switched them off; in demo mode, the demo's people one click away.
 */
export function LoginPage(props: { ui: UiInfo | undefined; onLogin: (s: Session) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<Error | undefined>(() => {
    const sso = ssoErrorOf(window.location.search);
    return sso === undefined ? undefined : new Error(sso);
  });
  const [busy, setBusy] = useState(false);

  // The error was read once: a reload or a bookmark of this address should not show it again.
  useEffect(() => {
    const url = new URL(window.location.href);
    if (url.searchParams.has('sso_error')) {
      url.searchParams.delete('sso_error');
      window.history.replaceState(null, '', url.pathname + url.search + url.hash);
    }
  }, []);

  const login = async (user: string, pass: string) => {
    setBusy(true);
    setError(undefined);
    try {
      props.onLogin(await client.session.login(user, pass));
    } catch (e) {
      setError(e as Error);
      setBusy(false);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void login(username, password);
  };

  const demo = props.ui?.demo ? props.ui.demoLogins : [];
  const provider = props.ui?.signIn.provider;
  const local = props.ui?.signIn.local ?? true;
  // After signing in at the provider, come back to the page that asked for it.
  const here = window.location.pathname + window.location.search;
  const providerUrl = provider && `${provider.url}?returnTo=${encodeURIComponent(here === '/' ? '/' : here)}`;
  return (
    <div className="login-screen">
      <div className="login-panel">
        <div className="login-brand">
          <img src="/favicon.svg" alt="" width={36} height={36} />
          <div>
            <div className="login-title">Cairn</div>
            <div className="muted">Change and configuration management</div>
          </div>
        </div>
        {/* With a provider, errors of either way of signing in show above both. */}
        {(provider || !local) && <ErrorBox error={error} />}
        {provider && providerUrl && (
          <a className="btn btn-primary btn-block btn-sso" href={providerUrl}>
            Sign in with {provider.name}
          </a>
        )}
        {provider && local && <div className="login-or">or with a Cairn password</div>}
        {local && (
          <form onSubmit={submit} className="form">
            <label>
              Username
              <input
                name="username"
                autoComplete="username"
                value={username}
                onChange={(e) => setUsername(e.target.value)}
                autoFocus
                required
              />
            </label>
            <label>
              Password
              <input
                name="password"
                type="password"
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                required
              />
            </label>
            {!provider && <ErrorBox error={error} />}
            <button type="submit" className={provider ? 'btn btn-block' : 'btn btn-primary btn-block'} disabled={busy}>
              {busy ? 'Logging in…' : 'Log in'}
            </button>
          </form>
        )}
        {demo.length > 0 && (
          <div className="demo-logins">
            <div className="demo-logins-head">
              <strong>Demo estate</strong> — every demo user’s password is <code>{demo[0]?.password}</code>
            </div>
            <div className="demo-grid">
              {demo.map((l) => (
                <button
                  key={l.username}
                  type="button"
                  className="demo-user"
                  disabled={busy}
                  onClick={() => void login(l.username, l.password)}
                  title={`Log in as ${l.username}`}
                >
                  <span className="demo-user-name">{l.username}</span>
                  <span className="demo-user-role">{l.roles.map(humanize).join(', ')}</span>
                </button>
              ))}
            </div>
          </div>
        )}
      </div>
    </div>
  );
}

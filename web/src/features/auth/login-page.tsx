import { useState, type FormEvent } from 'react';
import { client } from '../../client.js';
import type { Session, UiInfo } from '../../types.js';
import { humanize } from '../../ui/format.js';
import { ErrorBox } from '../../ui/widgets.js';

/** Username and password → a session; in demo mode, the demo's people one click away. */
export function LoginPage(props: { ui: UiInfo | undefined; onLogin: (s: Session) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);

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
          <ErrorBox error={error} />
          <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
            {busy ? 'Logging in…' : 'Log in'}
          </button>
        </form>
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

import { useCallback, useEffect, useMemo, useState } from 'react';
import { client, setUnauthorizedHandler } from '../client.js';
import type { Session, UiInfo } from '../types.js';
import { LoginPage } from '../features/auth/login-page.js';
import { ErrorBox, Loading } from '../ui/widgets.js';
import { Layout } from './layout.js';
import { Routes } from './routes.js';
import { SessionContext, type SessionState } from './session.js';

/** Finds out who is logged in (if anyone), then shows the login page or the app. */
export function App() {
  const [ui, setUi] = useState<UiInfo | Error>();
  const [session, setSession] = useState<Session | null>();
  // Set when the server ended a session the page was using (401 while logged in): the login page says so.
  const [expired, setExpired] = useState(false);

  useEffect(() => {
    client.session.ui().then(setUi, (e: unknown) => setUi(e instanceof Error ? e : new Error(String(e))));
    // No CSRF cookie means no session: go straight to the login page without a 401.
    const maybeLoggedIn = document.cookie.includes('cairn_csrf=');
    (maybeLoggedIn ? client.session.current() : Promise.reject(new Error('no session'))).then(setSession, () =>
      setSession(null),
    );
    setUnauthorizedHandler(() =>
      setSession((current) => {
        if (current) setExpired(true);
        return null;
      }),
    );
    return () => setUnauthorizedHandler(undefined);
  }, []);

  const logout = useCallback(() => {
    void client.session.logout().finally(() => setSession(null));
  }, []);

  const info = ui instanceof Error ? undefined : ui;
  const state = useMemo<SessionState | undefined>(
    () => (session && info ? { session, ui: info, logout } : undefined),
    [session, info, logout],
  );

  // The login page waits for the server's answer too: it decides which ways of signing in show and
  // the demo's people, and a panel that grew under the pointer once took a click meant for its
  // button (the panel is centred, so the button moved up as the demo's logins appeared).
  if (session === undefined || ui === undefined) return <Loading what="Cairn" />;
  if (!session)
    return (
      <>
        {expired && (
          <div className="alert alert-info session-notice" role="status">
            Your session has expired. Log in again to carry on where you were.
          </div>
        )}
        <LoginPage
          ui={info}
          onLogin={(s) => {
            setExpired(false);
            setSession(s);
          }}
        />
      </>
    );
  // The pages need the server's vocabulary (change states, finding kinds) before they can show.
  if (ui instanceof Error) return <ErrorBox error={ui} />;
  if (!state) return <Loading what="Cairn" />;
  return (
    <SessionContext.Provider value={state}>
      <Layout>
        <Routes />
      </Layout>
    </SessionContext.Provider>
  );
}

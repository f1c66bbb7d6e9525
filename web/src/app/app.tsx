import { useCallback, useEffect, useMemo, useState } from 'react';
import { setCsrfToken, setUnauthorizedHandler } from '../api/client.js';
import { api } from '../api/endpoints.js';
import type { Session, UiInfo } from '../api/types.js';
import { LoginPage } from '../features/auth/login-page.js';
import { Loading } from '../ui/widgets.js';
import { Layout } from './layout.js';
import { Routes } from './routes.js';
import { SessionContext, type SessionState } from './session.js';

/** Finds out who is logged in (if anyone), then shows the login page or the app. */
export function App() {
  const [ui, setUi] = useState<UiInfo>();
  const [session, setSession] = useState<Session | null>();

  useEffect(() => {
    api.ui().then(setUi, () => setUi(undefined));
    // No CSRF cookie means no session: go straight to the login page without a 401.
    const maybeLoggedIn = document.cookie.includes('cairn_csrf=');
    (maybeLoggedIn ? api.session() : Promise.reject(new Error('no session'))).then(
      (s) => {
        setCsrfToken(s.csrfToken);
        setSession(s);
      },
      () => setSession(null),
    );
    setUnauthorizedHandler(() => setSession(null));
    return () => setUnauthorizedHandler(undefined);
  }, []);

  const logout = useCallback(() => {
    void api.logout().finally(() => setSession(null));
  }, []);

  const state = useMemo<SessionState | undefined>(() => (session ? { session, ui, logout } : undefined), [session, ui, logout]);

  if (session === undefined) return <Loading what="Cairn" />;
  if (!state) return <LoginPage ui={ui} onLogin={setSession} />;
  return (
    <SessionContext.Provider value={state}>
      <Layout>
        <Routes />
      </Layout>
    </SessionContext.Provider>
  );
}

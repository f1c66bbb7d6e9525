import { createContext, useContext } from 'react';
import type { Session, UiInfo } from '../api/types.js';
import { mayDo, type Action, type Role } from '../../../src/core/auth/permissions.js';

export interface SessionState {
  session: Session;
  ui: UiInfo | undefined;
  logout: () => void;
}

export const SessionContext = createContext<SessionState | undefined>(undefined);

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside the logged-in app');
  return s;
}

/** Whether the logged-in user's roles allow an action (the server checks again). */
export function useMay(action: Action): boolean {
  return mayDo(useSession().session.roles as Role[], action);
}

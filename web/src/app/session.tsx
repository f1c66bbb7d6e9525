import { createContext, useContext } from 'react';
import type { Action, Session, UiInfo } from '../types.js';

export interface SessionState {
  session: Session;
  ui: UiInfo;
  logout: () => void;
}

export const SessionContext = createContext<SessionState | undefined>(undefined);

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside the logged-in app');
  return s;
}

/** Whether the logged-in user's roles allow an action, as the server said at login (it checks again). */
export function useMay(action: Action): boolean {
  return useSession().session.actions.includes(action);
}

/** The core's words (change states, finding kinds, …) as the server gave them. */
export function useVocabulary(): UiInfo['vocabulary'] {
  return useSession().ui.vocabulary;
}

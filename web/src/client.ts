import { createBrowserClient } from '../../src/client/http/browser-client.js';

let onUnauthorized: (() => void) | undefined;

/** Called when the API answers 401: the session ended (the app shows the login page). */
export function setUnauthorizedHandler(handler: (() => void) | undefined): void {
  onUnauthorized = handler;
}

/** The typed client of the page's own server: session cookie, CSRF header on writes. */
export const client = createBrowserClient({ onUnauthorized: () => onUnauthorized?.() });

import type { HttpSender } from '../core/events/events.port.js';

/** Sends webhook POSTs with fetch; redirects are not followed (a receiver must answer itself). */
export const fetchSender: HttpSender = {
  async post(url, body, headers, timeoutMs) {
    const res = await fetch(url, {
      method: 'POST',
      body,
      headers,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { status: res.status, body: await res.text() };
  },
};

import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signatures, in the header `Cairn-Signature: t=<unix seconds>,v1=<hex>`, where v1 is
 * HMAC-SHA256 with the subscription's secret over `<t>.<raw body>`. Signing the time with the
 * body lets receivers refuse replays older than a tolerance (5 minutes by default).
 */
export const SIGNATURE_HEADER = 'Cairn-Signature';

export function signPayload(body: string, secret: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

/** What a receiver does; exported for tests and for receivers written in TypeScript. */
export function verifySignature(
  header: string,
  body: string,
  secret: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  const parts = new Map(header.split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts.get('t'));
  const v1 = parts.get('v1');
  if (!Number.isInteger(t) || !v1 || Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  const expected = Buffer.from(signPayload(body, secret, t).split('v1=')[1]!, 'hex');
  const given = Buffer.from(v1, 'hex');
  return expected.length === given.length && timingSafeEqual(expected, given);
}

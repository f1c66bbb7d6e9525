import { sameSecret } from '../../core/auth/token.js';

/**
 * The cache key of the credential header a connection sent last, so that a client sending the
 * same header on a kept-alive connection (every HTTP client does) is not hashed again each
 * request: the token's SHA-256 was the largest part of authenticating a cached token (issue 14).
 *
 * Only the key is remembered beside the header, never a verdict: whether the key's credential is
 * still trusted (revoked, expired, logged out) is asked anew each request. The header is held as
 * long as the connection that sent it is open and no longer (a WeakMap on the socket), and the
 * secret is only ever compared with what the same connection sends next, in constant time: behind
 * a proxy that reuses one connection for many clients, a request learns nothing from the timing
 * of another's.
 */
export class ConnectionSecret {
  private readonly last = new WeakMap<object, { header: string; key: string }>();

  constructor(
    /** The key of a header, or undefined when it names no credential (malformed). */
    private readonly keyOf: (header: string) => string | undefined,
  ) {}

  key(connection: object | null | undefined, header: string): string | undefined {
    if (!connection) return this.keyOf(header);
    const last = this.last.get(connection);
    if (last !== undefined && sameSecret(last.header, header)) return last.key;
    const key = this.keyOf(header);
    if (key !== undefined) this.last.set(connection, { header, key });
    return key;
  }
}

import type { Clock } from '../shared/clock.js';
import { NotAllowedError, NotFoundError } from '../shared/errors.js';
import type { AuthStore } from './auth.port.js';
import { effectiveRoles } from './auth.types.js';
import { mayDo, type Principal } from './permissions.js';
import { hashSecret, newTokenId, randomSecret, sameSecret } from './token.js';

/**
 * A feed secret reads `<id>_<secret>`: the id (12 hex) finds the record by index, the secret
 * (32 random bytes) is then compared by hash in constant time, so no timing of a database index
 * search over secrets can be measured.
 */
const FEED_SECRET = /^([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

/** What a user sees of their feed: never the secret, which is shown only when it is made. */
export interface CalendarFeedStatus {
  active: boolean;
  createdAt: string | null;
}

/**
 * Calendar subscription secrets (issue 10): calendar programs cannot send a bearer token, so a
 * user's feed address carries a secret of its own. It grants the calendar's iCalendar feed as
 * that user would read it, and nothing else (the API's authentication never accepts it). One per
 * user: making a new one revokes the old; it stops working when revoked, when the user is disabled
 * or deleted, or when they lose the right to read changes.
 */
export class CalendarFeedService {
  constructor(private readonly deps: { store: AuthStore; clock: Clock }) {}

  /** Makes (or rotates) the user's feed secret; the plain value is returned once and never stored. */
  async create(principal: Principal): Promise<{ secret: string; createdAt: string }> {
    const username = this.ownerOf(principal);
    const id = newTokenId();
    const secret = `${id}_${randomSecret()}`;
    const createdAt = this.deps.clock.now().toISOString();
    await this.deps.store.replaceCalendarFeed({ username, id, secretHash: hashSecret(secret), createdAt });
    return { secret, createdAt };
  }

  async status(principal: Principal): Promise<CalendarFeedStatus> {
    const feed = await this.deps.store.calendarFeedOf(this.ownerOf(principal));
    return { active: feed !== undefined, createdAt: feed?.createdAt ?? null };
  }

  async revoke(principal: Principal): Promise<void> {
    if (!(await this.deps.store.deleteCalendarFeed(this.ownerOf(principal))))
      throw new NotFoundError('CALENDAR_FEED_NOT_FOUND', 'you have no calendar feed to revoke');
  }

  /**
   * The user a feed secret reads as. Unknown, rotated and revoked secrets, and those of a
   * disabled user or one who may no longer read changes, get the same error: the answer does not
   * tell a guesser which.
   */
  async reader(secret: string): Promise<Principal> {
    const refused = new NotFoundError('CALENDAR_FEED_NOT_FOUND', 'no calendar feed has this address');
    const m = FEED_SECRET.exec(secret);
    if (!m) throw refused;
    const feed = await this.deps.store.findCalendarFeed(m[1]!);
    if (!feed || !sameSecret(hashSecret(secret), feed.secretHash)) throw refused;
    const user = await this.deps.store.getUser(feed.username);
    if (!user || user.disabled) throw refused;
    const roles = effectiveRoles(user);
    if (!mayDo(roles, 'change:read')) throw refused;
    return { name: user.username, kind: 'user', roles };
  }

  /** Feeds belong to people: an API token already reaches the feed with its bearer header. */
  private ownerOf(principal: Principal): string {
    if (principal.kind !== 'user')
      throw new NotAllowedError(
        'FORBIDDEN',
        `${principal.name} is not a user: a calendar feed belongs to a signed-in user (an API token reads the feed with its Authorization header)`,
      );
    return principal.name;
  }
}

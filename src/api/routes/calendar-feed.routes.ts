import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { Empty, responses } from '../../contracts/common.js';
import {
  CalendarFeedCreated,
  CalendarFeedParams,
  CalendarFeedStatusView,
  calendarFeedPath,
} from '../../contracts/calendar-feed.contracts.js';
import { HttpProblem } from '../errors.js';
import { principalOf } from '../request-context.js';
import type { ApiServices } from '../services.js';

const DAY = 86_400_000;
/** What a subscription shows: the last 30 days and the next 13 months, as the web's download. */
const FEED_PAST_MS = 30 * DAY;
const FEED_AHEAD_MS = 400 * DAY;

/**
 * The calendar subscription link (issue 10): the signed-in user makes, reads and revokes their
 * feed secret; a calendar program reads `GET /api/v1/calendar/feeds/{secret}` without any other
 * credential. The secret reaches only that route: the API's authentication never accepts it.
 */
export function calendarFeedRoutes(app: FastifyInstance, s: ApiServices): void {
  app.get(
    '/api/v1/calendar/feed',
    {
      schema: {
        tags: ['changes'],
        summary: 'Whether you have a calendar feed address (never its secret)',
        response: responses({ 200: CalendarFeedStatusView }),
      },
      config: { action: 'change:read' },
    },
    async (req) => s.calendarFeeds.status(principalOf(req)),
  );

  app.post(
    '/api/v1/calendar/feed',
    {
      schema: {
        tags: ['changes'],
        summary: 'Make or rotate your calendar feed address (shown once; the previous one stops working)',
        response: responses({ 201: CalendarFeedCreated }),
      },
      config: { action: 'change:read' },
    },
    async (req, reply) => {
      const made = await s.calendarFeeds.create(principalOf(req));
      return reply.code(201).send({ ...made, path: calendarFeedPath(made.secret) });
    },
  );

  app.delete(
    '/api/v1/calendar/feed',
    {
      schema: {
        tags: ['changes'],
        summary: 'Revoke your calendar feed address',
        response: responses({ 204: Empty }, [404]),
      },
      config: { action: 'change:read' },
    },
    async (req, reply) => {
      await s.calendarFeeds.revoke(principalOf(req));
      return reply.code(204).send();
    },
  );

  app.get<{ Params: { secret: string } }>(
    calendarFeedPath(':secret'),
    {
      schema: {
        tags: ['changes'],
        summary: 'The change calendar as an iCalendar feed, for a calendar program: the address is the credential',
        security: [],
        params: CalendarFeedParams,
        produces: ['text/calendar'],
        response: responses({ 200: Type.String({ description: 'text/calendar' }) }, [404, 429]),
        description:
          'An unknown, rotated or revoked address, or one of a disabled user, is answered CALENDAR_FEED_NOT_FOUND (404) alike; failed reads are throttled per feed and per address like sign-ins.',
      },
      config: { public: true },
      // The address is the secret: keep it out of the request log lines.
      logLevel: 'warn',
    },
    async (req, reply) => {
      const id = req.params.secret.slice(0, 12);
      const tried = await s.loginThrottle.attempt(`calendar-feed:${id}`, req.ip, () =>
        s.calendarFeeds.reader(req.params.secret),
      );
      if (!tried.ok) {
        const wait = tried.throttled.retryAfterSeconds;
        throw new HttpProblem(
          'TOO_MANY_LOGIN_ATTEMPTS',
          `too many failed reads of calendar feeds from your address: try again in ${wait} seconds`,
          undefined,
          { 'retry-after': String(wait) },
        );
      }
      const now = s.clock.now().getTime();
      const from = new Date(now - FEED_PAST_MS).toISOString();
      const to = new Date(now + FEED_AHEAD_MS).toISOString();
      return reply
        .type('text/calendar; charset=utf-8')
        .header('cache-control', 'private, no-store')
        .serializer((x) => x as string)
        .send(await s.changes.calendarFeed(from, to));
    },
  );
}

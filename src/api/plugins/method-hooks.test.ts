import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { addHookForMethods, WRITE_METHODS } from './method-hooks.js';

describe('addHookForMethods', () => {
  it('runs the hook on the routes of those methods only, after the global hooks, keeping the route’s own', async () => {
    const app = Fastify();
    const ran: string[] = [];
    app.addHook('preHandler', async (req) => void ran.push(`global ${req.method}`));
    addHookForMethods(app, WRITE_METHODS, 'preHandler', async (req) => void ran.push(`write ${req.method}`));
    app.get('/x', async () => 'read');
    app.post('/x', { preHandler: async () => void ran.push('own POST') }, async () => 'written');
    app.route({ method: ['GET', 'DELETE'], url: '/y', handler: async () => 'either' });

    for (const [method, url] of [
      ['GET', '/x'],
      ['POST', '/x'],
      ['GET', '/y'],
      ['DELETE', '/y'],
    ] as const)
      expect((await app.inject({ method, url })).statusCode).toBe(200);
    expect(ran).toEqual([
      'global GET',
      'global POST',
      'own POST',
      'write POST',
      'global GET',
      'write GET', // a route answering several methods gets the hook for all of them
      'global DELETE',
      'write DELETE',
    ]);
    await app.close();
  });
});

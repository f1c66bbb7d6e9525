import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp, type AppOptions } from '../../src/api/app.js';
import { createApiServices, type ApiServiceOptions, type ApiServices } from '../../src/api/services.js';
import type { ServicesStore } from '../../src/app/services.js';
import { ROLES, type Role } from '../../src/core/auth/permissions.js';
import type { EngineHarness } from '../helpers/engines.js';
import { smallEstate, meta } from '../helpers/fixtures.js';

export interface ApiHarness {
  app: FastifyInstance;
  s: ApiServices;
  /** The store the services run on, for tests that look under them (the API never does). */
  store: ServicesStore;
  /** One API token per role. */
  tokens: Record<Role, string>;
  /** Authorization header of a role. */
  as(role: Role): Record<string, string>;
  call(role: Role | null, options: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** A server on a fresh store of this engine, with the built-in model, a small estate and a token per role. */
export async function newApi(
  harness: EngineHarness,
  options: { services?: ApiServiceOptions; app?: Partial<AppOptions>; estate?: boolean } = {},
): Promise<ApiHarness> {
  const store = await harness.newStore();
  const s = await createApiServices(store, { pollIntervalMs: 50, ...options.services });
  await s.cmdb.initialize('tester');
  if (options.estate !== false) await s.cmdb.apply(smallEstate(), meta('estate'));
  await s.graphSync.load();
  const app = await buildApp({ services: s, logger: false, ...options.app });
  const tokens = {} as Record<Role, string>;
  for (const role of ROLES)
    tokens[role] = (await s.auth.createToken({ name: `t-${role}`, role, createdBy: 'test' })).token;
  const as = (role: Role) => ({ authorization: `Bearer ${tokens[role]}` });
  return {
    app,
    s,
    store,
    tokens,
    as,
    call: (role, opts) => app.inject({ ...opts, headers: { ...(role ? as(role) : {}), ...(opts.headers ?? {}) } }),
    async close() {
      await s.jobs.stop();
      await app.close();
    },
  };
}

export function problemOf(res: { headers: Record<string, unknown>; json(): unknown }) {
  expectProblemType(res.headers['content-type']);
  return res.json() as {
    status: number;
    code: string;
    detail: string;
    type: string;
    requestId: string;
    errors?: { path: string; message: string }[];
  };
}

function expectProblemType(ct: unknown): void {
  if (typeof ct !== 'string' || !ct.startsWith('application/problem+json'))
    throw new Error(`expected application/problem+json, got ${String(ct)}`);
}

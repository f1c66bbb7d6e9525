import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CHANGE_OUTCOMES } from '../../core/change/change.types.js';
import { CHANGE_STATES, CHANGE_TYPES, OPEN_STATES } from '../../core/lifecycle/change-lifecycle.js';
import { CLASSIFICATIONS, FINDING_KINDS, FINDING_STATES } from '../../core/drift/drift.types.js';
import type { SignInOptions } from '../../contracts/sso.contracts.js';
import { UiInfo, type DemoLogin, type Vocabulary } from '../../contracts/ui.contracts.js';
import { handleNotFound } from '../errors.js';
import { packageRoot, packageVersion } from '../../package-info.js';
import type { ApiServices } from '../services.js';

export interface WebUiOptions {
  /** The built UI (index.html, assets/); default: dist/web of this package (`npm run build`). */
  root?: string;
  /** Set by `serve --demo`: the logins the login page offers (only those whose user exists). */
  demoLogins?: DemoLogin[];
  /** How the login page offers to sign in (set by buildApp from the server's settings). */
  signIn?: SignInOptions;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

const VOCABULARY: Vocabulary = {
  changeStates: [...CHANGE_STATES],
  openChangeStates: [...OPEN_STATES],
  changeTypes: [...CHANGE_TYPES],
  changeOutcomes: [...CHANGE_OUTCOMES],
  findingKinds: [...FINDING_KINDS],
  findingStates: [...FINDING_STATES],
  classifications: [...CLASSIFICATIONS],
};

/**
 * The web UI: `GET /api/ui` (public: demo mode, its logins and the core's vocabulary), and the built single-page app
 * as static files at `/`. Files under /assets/ carry a content hash in their name and are cached
 * for a year; everything else is revalidated. A GET of any other path that is not a file answers
 * index.html so that the app's own routes (/cis/server/web-01) survive a reload.
 */
export function registerWebUi(app: FastifyInstance, s: Pick<ApiServices, 'auth'>, options: WebUiOptions = {}): void {
  const root = resolve(options.root ?? join(packageRoot(), 'dist', 'web'));
  const version = packageVersion();
  const signIn = options.signIn ?? { local: true, provider: null };

  app.get(
    '/api/ui',
    {
      schema: {
        tags: ['operations'],
        summary: 'What the web UI needs before login: demo mode and its logins',
        security: [],
        response: { 200: UiInfo },
      },
      config: { public: true },
    },
    async () => {
      const logins = options.demoLogins ?? [];
      const users = logins.length > 0 ? new Set((await s.auth.listUsers()).map((u) => u.username)) : new Set<string>();
      return {
        demo: logins.length > 0,
        demoLogins: signIn.local ? logins.filter((l) => users.has(l.username)) : [],
        signIn,
        version,
        vocabulary: VOCABULARY,
      };
    },
  );

  app.get('/*', { schema: { hide: true }, config: { public: true } }, async (req, reply) => serveUi(root, req, reply));
}

async function serveUi(root: string, req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  let path: string;
  try {
    path = decodeURIComponent(req.url.split('?')[0] ?? '/');
  } catch {
    return handleNotFound(req, reply);
  }
  if (path.startsWith('/api/') || path === '/api' || path.includes('\0')) return handleNotFound(req, reply);
  const file = join(root, normalize(path));
  if (file.startsWith(root + sep) && (await isFile(file)))
    return sendFile(req, reply, file, path.startsWith('/assets/'));
  if (path.startsWith('/assets/')) return handleNotFound(req, reply);
  const index = join(root, 'index.html');
  if (!(await isFile(index))) {
    return reply
      .code(404)
      .type('text/plain; charset=utf-8')
      .send('The web UI is not built: run `npm run build` (it writes dist/web), then restart `cairn serve`.\n');
  }
  return sendFile(req, reply, index, false);
}

async function sendFile(
  req: FastifyRequest,
  reply: FastifyReply,
  file: string,
  immutable: boolean,
): Promise<FastifyReply> {
  const info = await stat(file);
  const etag = `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
  const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
  // The security headers (policy, nosniff, framing) are on every response: plugins/security-headers.ts.
  reply.header('etag', etag);
  reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  if (req.headers['if-none-match'] === etag) return reply.code(304).send();
  return reply.type(type).send(await readFile(file));
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

import { randomUUID } from 'node:crypto';
import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { MAX_BODY_BYTES } from '../core/shared/limits.js';
import { handleError, handleNotFound } from './errors.js';
import { registerBodyDepth } from './plugins/body-depth.js';
import { registerAuth } from './plugins/auth.js';
import { registerIdempotency } from './plugins/idempotency.js';
import { addHookForMethods, WRITE_METHODS } from './plugins/method-hooks.js';
import { HttpMetrics, registerMetrics } from './plugins/metrics.js';
import { registerOpenApi } from './plugins/openapi.js';
import { registerPageLimit } from './plugins/page-limit.js';
import { registerRequestValidation } from './plugins/request-validation.js';
import { registerRequestLog } from './plugins/request-log.js';
import { registerSecurityHeaders } from './plugins/security-headers.js';
import { registerWellFormedText } from './plugins/well-formed-text.js';
import { registerWebUi, type WebUiOptions } from './plugins/web-ui.js';
import './request-context.js';
import { adminRoutes } from './routes/admin.routes.js';
import { authRoutes } from './routes/auth.routes.js';
import { SSO_LOGIN_PATH, ssoRoutes } from './routes/sso.routes.js';
import type { SsoSettings } from '../config.js';
import { changeRoutes } from './routes/change.routes.js';
import { ciRoutes } from './routes/ci.routes.js';
import { cmdbRoutes } from './routes/cmdb.routes.js';
import { graphRoutes } from './routes/graph.routes.js';
import { driftRoutes } from './routes/drift.routes.js';
import { historyRoutes } from './routes/history.routes.js';
import { refsRoutes } from './routes/refs.routes.js';
import { importRoutes } from './routes/import.routes.js';
import { reportRoutes } from './routes/report.routes.js';
import { summaryRoutes } from './routes/summary.routes.js';
import { modelRoutes } from './routes/model.routes.js';
import { opsRoutes, type MetricsSource } from './routes/ops.routes.js';
import { notifyRoutes } from './routes/notify.routes.js';
import { webhookRoutes } from './routes/webhook.routes.js';
import { rescheduleRoutes } from './routes/reschedule.routes.js';
import { changeFormRoutes } from './routes/change-form.routes.js';
import { changeGovernanceRoutes } from './routes/change-governance.routes.js';
import { environmentRoutes } from './routes/environment.routes.js';
import { cabRoutes } from './routes/cab.routes.js';
import { releaseRoutes } from './routes/release.routes.js';
import { deploymentRoutes } from './routes/deployment.routes.js';
import { incidentRoutes } from './routes/incident.routes.js';
import { gateRoutes } from './routes/gate.routes.js';
import { calendarFeedRoutes } from './routes/calendar-feed.routes.js';
import type { ApiServices } from './services.js';

export interface AppOptions {
  services: ApiServices;
  /** pino options or false; default: JSON logs at info. */
  logger?: FastifyServerOptions['logger'];
  /** Mark cookies Secure: always, never, or when the request came over https ('auto'). */
  secureCookies?: 'auto' | boolean;
  /** Trust X-Forwarded-* from a proxy in front (for the client address and https). */
  trustProxy?: boolean;
  bodyLimit?: number;
  metricsSources?: MetricsSource[];
  /** Registers more routes (the change workflow's) inside the same app, after the CMDB's. */
  extraRoutes?: ((app: FastifyInstance, services: ApiServices) => void)[];
  /** The web UI at `/` (built into dist/web) and its demo logins; false leaves it out. */
  webUi?: WebUiOptions | false;
  /** Single sign-on with an OpenID Connect provider (the services get its claim mapping). */
  sso?: SsoSettings;
  /** Password sign-in (POST /api/v1/session); default true. */
  localLogin?: boolean;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Builds the HTTP API without listening: server.ts listens, tests inject. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const s = options.services;
  const logger = options.logger ?? { level: 'info' };
  const app = Fastify({
    logger,
    // One line per request, written by registerRequestLog, instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: options.trustProxy ?? false,
    bodyLimit: options.bodyLimit ?? MAX_BODY_BYTES,
    requestIdHeader: 'x-request-id',
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    return503OnClosing: true,
    // A path segment over the router's length limit (414) or not valid percent-encoding (400) is
    // answered by the router before any handler: without this, as bare JSON rather than a problem.
    // No hook has run for it, so its request id is set here.
    frameworkErrors: (error, request, reply) =>
      void handleError(error, request, reply.header('x-request-id', request.id)),
  });
  if (logger !== false) registerRequestLog(app);
  registerRequestValidation(app);
  app.setErrorHandler(handleError);
  registerBodyDepth(app);
  app.setNotFoundHandler(handleNotFound);
  // The request id and the security headers, on every answer.
  registerSecurityHeaders(app);
  const metrics = new HttpMetrics();
  registerMetrics(app, metrics);
  registerAuth(app, s.auth);
  registerIdempotency(app, s.idempotency, () => s.clock.now());
  registerWellFormedText(app);
  registerPageLimit(app);
  // Source authority rules applied elsewhere (a CLI, another server) hold for this server's next write.
  addHookForMethods(app, WRITE_METHODS, 'preHandler', async () => {
    await s.authority.refresh();
  });
  await registerOpenApi(app, '0.1.0');

  opsRoutes(app, s, metrics, options.metricsSources);
  const secureCookies = options.secureCookies ?? 'auto';
  const localLogin = options.localLogin ?? true;
  authRoutes(app, s, { secureCookies, localLogin });
  ssoRoutes(app, s, { sso: options.sso, secureCookies });
  ciRoutes(app, s);
  cmdbRoutes(app, s);
  graphRoutes(app, s);
  historyRoutes(app, s);
  modelRoutes(app, s);
  webhookRoutes(app, s);
  notifyRoutes(app, s);
  changeRoutes(app, s);
  changeGovernanceRoutes(app, s);
  environmentRoutes(app, s);
  cabRoutes(app, s);
  releaseRoutes(app, s);
  deploymentRoutes(app, s);
  incidentRoutes(app, s);
  gateRoutes(app, s);
  calendarFeedRoutes(app, s);
  rescheduleRoutes(app, s);
  changeFormRoutes(app, s);
  driftRoutes(app, s);
  importRoutes(app, s);
  refsRoutes(app, s);
  adminRoutes(app, s);
  summaryRoutes(app, s);
  reportRoutes(app, s);
  for (const register of options.extraRoutes ?? []) register(app, s);
  if (options.webUi !== false)
    registerWebUi(app, s, {
      ...options.webUi,
      signIn: {
        local: localLogin,
        provider: options.sso ? { name: options.sso.name, url: SSO_LOGIN_PATH } : null,
      },
    });
  return app;
}

// Builds the HTTP app; listening happens elsewhere, so tests drive the app directly.
import { tenantRouter, DEFAULT_MUNICIPALITY_HELP_URL } from './tenant/router.ts';
import type { PaymentProvider } from './tenant/payment-provider.ts';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import cookieParser from 'cookie-parser';
import express from 'express';
import type { Client } from '@temporalio/client';
import type { MessageHours } from '../definition/message-hours.ts';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { Registry } from 'prom-client';
import { authenticate } from './auth/middleware.ts';
import { authRouter } from './auth/router.ts';
import { casesRouter } from './cases/router.ts';
import { privacyRouter } from './privacy/router.ts';
import type { Db } from './db/pool.ts';
import { definitionsRouter } from './definitions/router.ts';
import { dryRunRouter } from './dry-run/router.ts';
import { DryRunSimulator } from './dry-run/simulator.ts';
import { errorHandler, notFound } from './errors.ts';
import { healthOf, publicHealth } from './health.ts';
import { intakeRouter } from './intake/router.ts';
import { preventionRouter } from './prevention/router.ts';
import { lettersRouter } from './letters/router.ts';
import { municipalitySignalsRouter } from './municipality-signals/router.ts';
import { policyHoldsRouter } from './policy-holds/router.ts';
import type { LetterSettings } from './letters/service.ts';
import { registerBusinessMetrics } from './metrics/business-metrics.ts';
import { httpMetrics } from './metrics/http-metrics.ts';
import { metricsEndpoint } from './metrics/metrics-endpoint.ts';
import { processRegistry } from './metrics/process-metrics.ts';
import { adminRoles, hasAnyRole, opsRoles } from '../definition/access.ts';
import type { Role } from '../definition/catalog.ts';
import { DEFAULT_PAYMENT_APPROVAL_CENTS } from '../definition/payment-control.ts';
import { securityHeaders } from './security/headers.ts';
import { refuseNulCharacters } from './security/no-nul.ts';
import { sameOriginChanges } from './security/same-origin.ts';
import { opsRouter } from './ops/router.ts';
import { analyticsRouter } from './analytics/router.ts';
import { casePageRouter } from './case-page/router.ts';
import { openApiRouter } from './openapi/router.ts';
import { paymentsRouter } from './payments/router.ts';
import { tasksRouter } from './tasks/router.ts';
import { caseScopeGuard } from './teams/scope.ts';
import { teamsRouter } from './teams/router.ts';
import { templatesRouter } from './templates/router.ts';
import { temporalCodecRouter } from './temporal-codec/router.ts';

export type AppDeps = {
  pool: Db;
  temporal: Client;
  log: Logger;
  taskQueue?: string;
  defaultTimeScale: number;
  allowTimeScale: boolean;
  historyLimit?: number;
  /** MESSAGE_HOURS, passed into each new case (absent: the workflow's default, 09:00-20:00). */
  messageHours?: MessageHours;
  secureCookies: boolean;
  temporalUiUrl?: string;
  /** When set, GET /metrics needs it as a bearer token. */
  metricsToken?: string;
  /** SECOND_FACTOR_ROLES: their holders sign in with an authenticator code (none when absent). */
  secondFactorRoles?: readonly Role[];
  /** PAYMENT_APPROVAL_THRESHOLD_CENTS: manual payments above it wait for a second person. */
  paymentApprovalCents?: number;
  /** Signs and checks the tenants' personal links (server/tenant/link-key.ts). */
  tenantLinkKey: Buffer;
  /** PUBLIC_URL: where tenants reach this app (unset: the address a request came to). */
  publicUrl?: string;
  /** The payment provider of the tenant page (unset: the page offers no payment). */
  paymentProvider?: PaymentProvider;
  /** The corporation as the tenant page names it, and the municipality's free debt help per city. */
  org?: { name: string; phone: string };
  municipalityHelp?: { byCity: Record<string, string>; fallback: string };
  /** Printed letters (server/letters/): PUBLIC_URL, for the links they carry, and the letterhead. */
  letters: LetterSettings;
  /** INTAKE_DEFINITION: the process the rent ledger's intake opens cases in (default standard-ladder). */
  intakeDefinitionId?: string;
};

/** GET /api/config: what the web app needs to know of this installation (links into the Temporal Web UI). */
export function webAppConfig(deps: Pick<AppDeps, 'temporal' | 'temporalUiUrl'>): { temporalUiUrl: string | null; namespace: string } {
  return { temporalUiUrl: deps.temporalUiUrl ?? null, namespace: deps.temporal.options.namespace };
}

const webDist = fileURLToPath(new URL('../designer/dist', import.meta.url));

export function buildApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders({ hsts: deps.secureCookies }));
  app.use(
    pinoHttp({
      logger: deps.log,
      // Paths carry ids only; bodies and cookies (personal data, sessions) are never logged,
      // nor query values (a search can be a tenant's name): only which parameters were given.
      serializers: { req: (req: { method: string; url: string }) => ({ method: req.method, url: logUrl(req.url) }), res: (res: { statusCode: number }) => ({ status: res.statusCode }) },
      // Every request about one case carries its id, so one case's requests can be found together.
      customProps: (req) => caseIdOf(req.url ?? ''),
      autoLogging: { ignore: (req) => !req.url?.startsWith('/api/') },
    }),
  );
  const metrics = new Registry();
  registerBusinessMetrics(metrics, deps.pool, deps.temporal);
  app.use(httpMetrics(metrics));
  app.get('/metrics', metricsEndpoint([metrics, processRegistry], deps.metricsToken));
  app.use('/api', sameOriginChanges({ exempt: ['/temporal-codec/'] }));
  // The rent ledger's arrears list may be tens of megabytes: its route reads its own body.
  const json = express.json({ limit: '2mb' });
  app.use((req, res, next) => (req.path === '/api/intake/arrears' ? next() : json(req, res, next)));
  app.use('/api', refuseNulCharacters());
  app.use(cookieParser());
  app.use('/api', authenticate(deps.pool, deps.secondFactorRoles));

  // Load balancers and probes get up or down and the number of workers; the reasons, latencies
  // and task queue only ops and admins (an error text can name hosts and ports).
  app.get('/api/health', async (req, res) => {
    const health = await healthOf({ pool: deps.pool, temporal: deps.temporal, taskQueue: deps.taskQueue });
    const insider = req.user && hasAnyRole(req.user.roles, [...opsRoles, ...adminRoles]);
    res.status(health.status === 'ok' ? 200 : 503).json(insider ? health : publicHealth(health));
  });
  app.get('/api/config', (_req, res) => {
    res.json(webAppConfig(deps));
  });

  // A member of a team asking about a case outside their areas finds nothing (teams/scope.ts).
  app.use('/api/cases/:id', caseScopeGuard(deps.pool, 'case'));
  app.use('/api/ops/cases/:id', caseScopeGuard(deps.pool, 'case'));
  app.use('/api/tasks/:id', caseScopeGuard(deps.pool, 'task'));
  app.use('/api/payment-requests/:id', caseScopeGuard(deps.pool, 'payment-request'));

  app.use('/api', authRouter(deps.pool, { secureCookies: deps.secureCookies, secondFactorRoles: deps.secondFactorRoles ?? [] }));
  // The Temporal Web UI's codec endpoint (ops roles; CORS for TEMPORAL_UI_URL).
  app.use('/api', temporalCodecRouter({ temporal: deps.temporal, temporalUiUrl: deps.temporalUiUrl }));
  const caseDeps = {
    pool: deps.pool,
    temporal: deps.temporal,
    taskQueue: deps.taskQueue,
    defaultTimeScale: deps.defaultTimeScale,
    allowTimeScale: deps.allowTimeScale,
    historyLimit: deps.historyLimit,
    messageHours: deps.messageHours,
  };
  app.use(
    tenantRouter({
      ...caseDeps,
      linkKey: deps.tenantLinkKey,
      publicUrl: deps.publicUrl,
      provider: deps.paymentProvider ?? null,
      secureCookies: deps.secureCookies,
      org: deps.org ?? { name: 'Team Huurincasso', phone: '010 123 45 67' },
      municipalityHelp: deps.municipalityHelp ?? { byCity: {}, fallback: DEFAULT_MUNICIPALITY_HELP_URL },
    }),
  );
  app.use('/api', casesRouter(caseDeps));
  app.use('/api', privacyRouter({ pool: deps.pool }));
  app.use('/api', casePageRouter({ pool: deps.pool, temporal: deps.temporal }));
  app.use('/api', tasksRouter({ pool: deps.pool, temporal: deps.temporal }));
  app.use('/api', openApiRouter());
  app.use('/api', intakeRouter({ ...caseDeps, intakeDefinitionId: deps.intakeDefinitionId ?? 'standard-ladder' }));
  app.use('/api', paymentsRouter({ ...caseDeps, approvalThresholdCents: deps.paymentApprovalCents ?? DEFAULT_PAYMENT_APPROVAL_CENTS }));
  app.use('/api', teamsRouter(deps.pool));
  app.use('/api', definitionsRouter(deps.pool));
  app.use('/api', templatesRouter(deps.pool));
  app.use('/api', municipalitySignalsRouter(caseDeps));
  app.use('/api', preventionRouter(caseDeps));
  app.use('/api', policyHoldsRouter({ pool: deps.pool, temporal: deps.temporal }));
  app.use('/api', lettersRouter({ pool: deps.pool, tenantLinkKey: deps.tenantLinkKey, settings: deps.letters }));
  app.use(
    '/api',
    opsRouter({
      ...caseDeps,
      log: deps.log,
      temporalUiUrl: deps.temporalUiUrl,
    }),
  );
  app.use('/api', analyticsRouter(deps.pool));
  app.use(
    '/api',
    dryRunRouter({ pool: deps.pool, temporal: deps.temporal, taskQueue: deps.taskQueue, historyLimit: deps.historyLimit, messageHours: deps.messageHours, simulator: new DryRunSimulator(deps) }),
  );
  app.use('/api', (req, _res, next) => next(notFound(`no API endpoint ${req.method} ${req.path}`)));

  if (existsSync(webDist)) {
    app.use(express.static(webDist, { index: false, maxAge: '1h' }));
    app.get(/^\/(?!api\/).*/, (_req, res) => res.sendFile(`${webDist}/index.html`));
  }

  app.use(errorHandler(deps.log));
  return app;
}

/** The URL as logged: the path, and the names of the query parameters without their values. */
function logUrl(url: string): string {
  const [path, query] = url.split('?', 2);
  if (!query) return path ?? url;
  const names = [...new URLSearchParams(query).keys()];
  return `${path}?${[...new Set(names)].map((n) => `${n}=…`).join('&')}`;
}

const CASE_PATH = /\/api\/cases\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:[/?]|$)/;
function caseIdOf(url: string): { caseId?: string } {
  const m = CASE_PATH.exec(url);
  return m ? { caseId: m[1] } : {};
}

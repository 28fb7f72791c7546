// The tenant's own page, reached from the personal link in every message: /huurder/<token>.
// No account: the link opens its one case, and the postcode and house number come before
// anything personal. Plain HTML forms (they work without JavaScript); every action goes to
// the case's workflow through the same updates staff use, as the tenant (TENANT_ACTOR), and
// the workflow's timeline and audit say so. A wrong, expired or closed link, a burst of
// requests or an outage gets a friendly page with the corporation's phone number.
import { createHash, randomUUID } from 'node:crypto';
import express, { Router, type Request, type Response } from 'express';
import { TENANT_ACTOR } from '../../definition/access.ts';
import { ContactPreferenceSchema, ContactTimeSchema, debitDays } from '../../definition/contact-preference.ts';
import { formatEuro } from '../../definition/templates.ts';
import type { StepOf } from '../../definition/schema.ts';
import type { Actor } from '../../workflows/messages.ts';
import { audit } from '../audit/repository.ts';
import { changeContact } from '../cases/contact.ts';
import { proposeArrangement, registerEvent, setContactPreference, type CaseDeps } from '../cases/service.ts';
import { inTransaction } from '../db/pool.ts';
import { AppError } from '../errors.ts';
import { liveView, outlookOf, tenantCase, type TenantCase } from './case-summary.ts';
import { tenantLimits } from './limits.ts';
import { resolveTenantLink, TENANT_PAGE_PATH } from './links.ts';
import {
  arrangementPage,
  callBackPage,
  contactPage,
  debitDayPage,
  helpPage,
  homePage,
  payPage,
  refusedPage,
  TENANT_CSS,
  verifyPage,
  type PageContext,
} from './pages.ts';
import type { PaymentProvider } from './payment-provider.ts';
import { paymentWebhook } from './payment-webhook.ts';
import { textsFor, tenantLanguages, type TenantLanguage } from './texts.ts';
import { isVerified, matchesAddress, VERIFIED_COOKIE, verifiedCookie, VERIFIED_MINUTES } from './verification.ts';

export const TENANT_WEBHOOK_PATH = '/huurder-betaling/webhook';
const LANG_COOKIE = 'huurder_taal';

export type TenantDeps = CaseDeps & {
  linkKey: Buffer;
  /** PUBLIC_URL; unset, the address the request came to. */
  publicUrl?: string | undefined;
  provider: PaymentProvider | null;
  secureCookies: boolean;
  org: { name: string; phone: string };
  municipalityHelp: { byCity: Record<string, string>; fallback: string };
};

/** The national site for free help with money matters, where no municipality's own page is configured. */
export const DEFAULT_MUNICIPALITY_HELP_URL = 'https://www.geldfit.nl';

const tenant: Actor = { userId: TENANT_ACTOR, roles: [] };
const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** "12,50", "12.50", "€ 12" → cents, or null. */
export function parseEuros(input: unknown): number | null {
  const text = String(input ?? '')
    .replace(/[€\s]/g, '')
    .replace(',', '.');
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(text)) return null;
  return Math.round(Number(text) * 100);
}

type Ctx = { token: string; caseId: string; k: TenantCase; page: PageContext };

export function tenantRouter(deps: TenantDeps): Router {
  const router = Router();
  const limits = tenantLimits(deps.pool);
  const origin = (req: Request) => deps.publicUrl?.replace(/\/$/, '') ?? `${req.protocol}://${req.get('host')}`;

  router.get('/huurder-static/tenant.css', (_req, res) => {
    res.type('css').set('cache-control', 'public, max-age=3600').send(TENANT_CSS);
  });

  const language = (req: Request, res: Response): TenantLanguage => {
    const asked = req.query.lang;
    if (typeof asked === 'string' && (tenantLanguages as readonly string[]).includes(asked)) {
      res.cookie(LANG_COOKIE, asked, { httpOnly: true, sameSite: 'lax', secure: deps.secureCookies, path: TENANT_PAGE_PATH, maxAge: 365 * 86_400_000 });
      return asked as TenantLanguage;
    }
    const kept = req.cookies?.[LANG_COOKIE] as string | undefined;
    return kept === 'en' ? 'en' : 'nl';
  };
  const pageContext = (req: Request, res: Response, token: string, city?: string): PageContext => {
    const lang = language(req, res);
    const help = (city && deps.municipalityHelp.byCity[city.trim().toLowerCase()]) || deps.municipalityHelp.fallback;
    return { t: textsFor(lang), lang, base: `${TENANT_PAGE_PATH}/${token}`, org: deps.org, municipalityHelpUrl: help, canPay: deps.provider !== null };
  };
  const html = (res: Response, status: number, body: string) => {
    // The page is about one person: never cached, and its address (the link) never sent to another site as a referrer.
    res.status(status).set({ 'cache-control': 'no-store', 'referrer-policy': 'same-origin' }).type('html').send(body);
  };

  router.post(TENANT_WEBHOOK_PATH, express.urlencoded({ extended: false, limit: '2kb' }), paymentWebhook(deps));

  const page = Router({ mergeParams: true });
  router.use(`${TENANT_PAGE_PATH}/:token`, express.urlencoded({ extended: false, limit: '10kb' }), page);

  // Every request: the address's share, the link, then (except for the check itself) the second factor.
  page.use(async (req, res, next) => {
    const token = String(req.params.token);
    const minimal = pageContext(req, res, token);
    if (!(await limits.request(req.ip ?? 'unknown'))) return void html(res.set('retry-after', '60'), 429, refusedPage(minimal, 'busy'));
    // A form from another site never acts for the tenant (nor does it carry the SameSite=Lax cookie).
    if (req.method === 'POST' && req.get('origin') && req.get('origin') !== origin(req)) return void html(res, 403, refusedPage(minimal, 'error'));
    const link = await resolveTenantLink(deps.pool, token);
    if (!link.ok) return void html(res, link.reason === 'unknown' ? 404 : 410, refusedPage(minimal, link.reason));
    const k = await tenantCase(deps.pool, link.caseId);
    if (!k || k.status === 'closed') return void html(res, 410, refusedPage(minimal, 'closed'));
    res.locals.tenant = { token, caseId: link.caseId, k, page: pageContext(req, res, token, k.city) } satisfies Ctx;
    if (req.path === '/controle' && req.method === 'POST') return next();
    if (isVerified(deps.linkKey, token, req.cookies?.[VERIFIED_COOKIE] as string | undefined, Date.now())) return next();
    html(res, 200, verifyPage(minimal));
  });

  const ctx = (res: Response) => res.locals.tenant as Ctx;
  const back = (res: Response, c: Ctx, flash: string) => res.redirect(303, `${c.page.base}?klaar=${encodeURIComponent(flash)}`);

  page.post('/controle', async (req, res) => {
    const c = ctx(res);
    const guesser = req.ip ?? 'unknown';
    const linkHash = hashOf(c.token);
    if (await limits.guessingLocked(linkHash, guesser)) return void html(res, 429, verifyPage(c.page, 'locked'));
    const body = req.body as { postcode?: unknown; houseNumber?: unknown };
    if (!matchesAddress({ postcode: String(body.postcode ?? ''), houseNumber: String(body.houseNumber ?? '') }, { postalCode: c.k.postalCode, street: c.k.street })) {
      await limits.wrongGuess(linkHash, guesser);
      return void html(res, 400, verifyPage(c.page, 'wrong'));
    }
    await audit(deps.pool, { actor: TENANT_ACTOR, action: 'tenant.page-opened', caseId: c.caseId, entity: 'case', entityId: c.caseId, details: { link: linkHash.slice(0, 16) } });
    // Lax, not Strict: coming back from the bank's checkout (another site) must find the page open;
    // a form posted from another site still carries no cookie, and its Origin is refused above.
    res.cookie(VERIFIED_COOKIE, verifiedCookie(deps.linkKey, c.token, Date.now()), {
      httpOnly: true,
      sameSite: 'lax',
      secure: deps.secureCookies,
      path: c.page.base,
      maxAge: VERIFIED_MINUTES * 60_000,
    });
    res.redirect(303, c.page.base);
  });

  const flashes: Record<string, string> = {
    contact: 'contact.saved',
    callBack: 'callBack.done',
    help: 'help.done',
    task: 'arrangement.task',
    failed: 'pay.failed',
    pending: 'pay.pending',
  };

  page.get('/', async (req, res) => {
    const c = ctx(res);
    const view = await liveView(deps.temporal, c.k.workflowId);
    const outlook = view ? outlookOf(view, c.k.definition) : ({ kind: 'unknown' } as const);
    const done = typeof req.query.klaar === 'string' ? req.query.klaar : '';
    let flash = flashes[done] ? c.page.t(flashes[done]) : undefined;
    if (done.startsWith('paid:')) flash = c.page.t('pay.thanks', { amount: formatEuro(Number(done.slice(5)) || 0) });
    if (done.startsWith('day:')) flash = c.page.t('debitDay.saved', { day: Number(done.slice(4)) || '' });
    if (done === 'accepted' && view?.arrangement) {
      const plan = view.arrangement.plan;
      flash = c.page.t('arrangement.accepted', { count: view.arrangement.instalments.length, amount: formatEuro(plan.instalmentCents), date: plan.firstDueDate });
    }
    html(res, 200, homePage(c.page, { ...c.k, balanceCents: view?.balanceCents ?? c.k.balanceCents }, outlook, flash));
  });

  page.get('/betalen', (_req, res) => {
    // The form's answer leads on to the provider's checkout: the policy lets this one form go there.
    const csp = res.getHeader('content-security-policy');
    if (deps.provider && typeof csp === 'string') res.setHeader('content-security-policy', csp.replace("form-action 'self'", `form-action 'self' ${deps.provider.origin}`));
    html(res, 200, payPage(ctx(res).page, ctx(res).k));
  });
  page.post('/betalen', async (req, res) => {
    const c = ctx(res);
    const cents = parseEuros((req.body as { amount?: unknown }).amount);
    if (cents === null || cents < 100 || cents > c.k.balanceCents) return void html(res, 400, payPage(c.page, c.k, c.page.t('pay.invalid', { max: formatEuro(c.k.balanceCents) })));
    if (!deps.provider) return void html(res, 503, refusedPage(c.page, 'error'));
    const checkout = await deps.provider.createCheckout({
      amountCents: cents,
      description: `Huur ${c.k.reference}`,
      redirectUrl: `${origin(req)}${c.page.base}/betaald`,
      webhookUrl: `${origin(req)}${TENANT_WEBHOOK_PATH}`,
      idempotencyKey: randomUUID(),
    });
    await deps.pool.query(`INSERT INTO tenant_checkouts (provider_payment_id, case_id, amount_cents) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [checkout.providerPaymentId, c.caseId, cents]);
    res.redirect(303, checkout.checkoutUrl);
  });
  // Back from the provider: the latest checkout of this case says how it went (the webhook applies it).
  page.get('/betaald', async (_req, res) => {
    const c = ctx(res);
    const last = await deps.pool.query<{ status: string; amount_cents: number }>(`SELECT status, amount_cents FROM tenant_checkouts WHERE case_id = $1 ORDER BY created_at DESC LIMIT 1`, [c.caseId]);
    const r = last.rows[0];
    back(res, c, r?.status === 'paid' ? `paid:${r.amount_cents}` : r?.status === 'open' ? 'pending' : 'failed');
  });

  const arrangementLimits = (c: Ctx) => {
    const step = c.k.definition.steps.find((s): s is StepOf<'arrangement'> => s.kind === 'arrangement');
    return step ? { minCents: step.minInstalmentCents, maxInstalments: step.maxInstalments } : null;
  };
  const today = () => new Date().toISOString().slice(0, 10);
  page.get('/regeling', (_req, res) => html(res, 200, arrangementPage(ctx(res).page, arrangementLimits(ctx(res)), today())));
  page.post('/regeling', async (req, res) => {
    const c = ctx(res);
    const body = req.body as { amount?: unknown; firstDueDate?: unknown };
    const cents = parseEuros(body.amount);
    const first = String(body.firstDueDate ?? '');
    if (cents === null || cents <= 0 || !/^\d{4}-\d{2}-\d{2}$/.test(first)) return void html(res, 400, arrangementPage(c.page, arrangementLimits(c), today(), c.page.t('arrangement.invalid')));
    const result = await proposeArrangement(deps, c.caseId, { instalmentCents: cents, firstDueDate: first }, tenant);
    back(res, c, result.result === 'accepted' ? 'accepted' : 'task');
  });

  page.get('/contact', (_req, res) => html(res, 200, contactPage(ctx(res).page, ctx(res).k)));
  page.post('/contact', async (req, res) => {
    const c = ctx(res);
    const body = req.body as { channel?: unknown; time?: unknown };
    const channel = ContactPreferenceSchema.safeParse(body.channel);
    const time = body.time === '' || body.time === undefined ? { success: true as const, data: null } : ContactTimeSchema.safeParse(body.time);
    if (!channel.success || !time.success) return void html(res, 400, contactPage(c.page, c.k, c.page.t('saveError')));
    const lacking = channel.data === 'email' && !c.k.email ? 'e-mailadres' : ['whatsapp', 'sms', 'phone'].includes(channel.data) && !c.k.phone ? 'telefoonnummer' : null;
    if (lacking) return void html(res, 400, contactPage(c.page, c.k, c.page.t('contact.missing', { what: lacking })));
    await inTransaction(deps.pool, async (q) => {
      await changeContact(q, c.k.tenantId, { preferredChannel: channel.data }, { actor: TENANT_ACTOR, caseId: c.caseId, why: 'chosen by the tenant on their page' });
      await q.query(`UPDATE tenants SET preferred_time = $2 WHERE id = $1`, [c.k.tenantId, time.data]);
    });
    await setContactPreference(deps, c.caseId, channel.data, tenant);
    back(res, c, 'contact');
  });

  page.get('/incassodag', (_req, res) => html(res, 200, debitDayPage(ctx(res).page, ctx(res).k)));
  page.post('/incassodag', async (req, res) => {
    const c = ctx(res);
    const day = Number((req.body as { day?: unknown }).day);
    if (!(debitDays as readonly number[]).includes(day)) return void html(res, 400, debitDayPage(c.page, c.k));
    await inTransaction(deps.pool, async (q) => {
      await q.query(`UPDATE tenancies SET debit_day = $2 WHERE id = $1`, [c.k.tenancyId, day]);
      await audit(q, { actor: TENANT_ACTOR, action: 'tenancy.debit-day', caseId: c.caseId, entity: 'tenancy', entityId: c.k.tenancyId, before: { debitDay: c.k.debitDay }, after: { debitDay: day } });
    });
    await registerEvent(deps, c.caseId, { type: 'debit-day-chosen', note: `Incassodag gekozen: de ${day}e van de maand` }, tenant);
    back(res, c, `day:${day}`);
  });

  page.get('/terugbellen', (_req, res) => html(res, 200, callBackPage(ctx(res).page, ctx(res).k)));
  page.post('/terugbellen', async (req, res) => {
    const c = ctx(res);
    const note = String((req.body as { note?: unknown }).note ?? '').trim().slice(0, 1000);
    await registerEvent(deps, c.caseId, { type: 'call-back-requested', ...(note ? { note } : {}) }, tenant);
    back(res, c, 'callBack');
  });

  page.get('/hulp', (_req, res) => html(res, 200, helpPage(ctx(res).page)));
  page.post('/hulp', async (req, res) => {
    const c = ctx(res);
    const note = String((req.body as { note?: unknown }).note ?? '').trim().slice(0, 1000);
    await registerEvent(deps, c.caseId, { type: 'help-reported', ...(note ? { note } : {}) }, tenant);
    back(res, c, 'help');
  });

  // The tenant never sees a stack trace or an API envelope: a refusal of the engine (the case
  // moved on meanwhile) or an outage gets the friendly page, with what to do.
  page.use((err: unknown, req: Request, res: Response, _next: express.NextFunction) => {
    const c = res.locals.tenant as Ctx | undefined;
    const pc = c?.page ?? pageContext(req, res, String(req.params.token));
    if (err instanceof AppError && (err.code === 'conflict' || err.code === 'invalid')) {
      return void html(res, 409, refusedPage(pc, 'changed'));
    }
    req.log.error({ err }, 'tenant page failed');
    html(res, 503, refusedPage(pc, 'error'));
  });

  return router;
}

// Acting as a tenant on their own page: a browser without JavaScript (forms, redirects by hand,
// cookies kept), and the personal link of a case's first message, as the worker wrote it.
import type { DefinitionInput } from '../../definition/schema.ts';
import { tenantLinkUrl } from '../../server/tenant/links.ts';
import { TEST_TENANT_LINK_KEY, waitFor, type Harness } from './harness.ts';

export class Visitor {
  cookies = new Map<string, string>();
  constructor(readonly origin: string) {}
  async request(method: 'GET' | 'POST', url: string, form?: Record<string, string>) {
    const res = await fetch(url.startsWith('http') ? url : `${this.origin}${url}`, {
      method,
      redirect: 'manual',
      headers: { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [k, v] = pair!.split('=');
      this.cookies.set(k!, v!);
    }
    return { status: res.status, location: res.headers.get('location'), text: await res.text(), headers: res.headers };
  }
  get(url: string) {
    return this.request('GET', url);
  }
  post(url: string, form: Record<string, string>) {
    return this.request('POST', url, form);
  }
}

/** The path of the personal link in the case's first message (letters carry it too, in print). */
export async function tenantPath(h: Pick<Harness, 'pool' | 'baseUrl'>, caseId: string): Promise<string> {
  const key = await waitFor('a first message', async () => (await h.pool.query<{ key: string }>(`SELECT key FROM outbox WHERE case_id = $1 ORDER BY id LIMIT 1`, [caseId])).rows[0]?.key);
  return new URL(tenantLinkUrl({ publicUrl: h.baseUrl, key: TEST_TENANT_LINK_KEY }, key)).pathname;
}

/** A visitor past the postcode check of the link at `path`. */
export async function verifiedVisitor(h: Pick<Harness, 'baseUrl'>, path: string, address: { postcode: string; houseNumber: string }): Promise<Visitor> {
  const v = new Visitor(h.baseUrl);
  const r = await v.post(`${path}/controle`, address);
  if (r.status !== 303) throw new Error(`the postcode check answered ${r.status}`);
  return v;
}

/**
 * A WhatsApp with the link, a month's wait (a contact the caseworker records ends it, so a test
 * moves on to the next message without racing the clock), then a message (which the tenant's
 * preference moves), a call, and an arrangement step.
 */
export function tenantPageProcess(id: string): DefinitionInput {
  return {
    id,
    name: 'Huurderpagina',
    steps: [
      { id: 'start', name: 'Start', kind: 'start', trigger: 'case-opened', next: { next: 'whatsapp' } },
      { id: 'whatsapp', name: 'WhatsApp met link', kind: 'communicate', channel: 'whatsapp', template: 'whatsapp-betaallink', purpose: 'payment-link', next: { sent: 'wait', failed: 'wait' } },
      { id: 'wait', name: 'Wachten', kind: 'wait', duration: 'P30D', endsOn: ['contact'], next: { elapsed: 'follow-up', contact: 'follow-up' } },
      { id: 'follow-up', name: 'Nog een bericht', kind: 'communicate', channel: 'whatsapp', template: 'whatsapp-betaallink', purpose: 'information', next: { sent: 'call', failed: 'call' } },
      {
        id: 'call',
        name: 'Bellen',
        kind: 'task',
        task: 'phone-call',
        role: 'caseworker',
        outcomes: [{ id: 'agreed', label: 'Regeling afgesproken', meaning: 'arrangement-agreed', arrangement: true, fields: [] }],
        next: { agreed: 'arrangement' },
      },
      {
        id: 'arrangement',
        name: 'Regeling volgen',
        kind: 'arrangement',
        maxInstalments: 6,
        minInstalmentCents: 5_000,
        defaultInterval: 'P1M',
        reminder: { channel: 'whatsapp', template: 'termijn-herinnering', before: 'P3D' },
        missed: { channel: 'whatsapp', template: 'termijn-gemist' },
        gracePeriod: 'P5D',
        allowedMisses: 1,
        next: { completed: 'done', broken: 'done' },
      },
      { id: 'done', name: 'Klaar', kind: 'end', outcome: 'paid' },
    ],
  };
}

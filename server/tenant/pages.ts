// The tenant's pages as HTML from the server: readable without JavaScript, on a phone first,
// one request per page. Every value is escaped here; the words come from texts.ts.
import type { TFunction } from 'i18next';
import { contactPreferences, contactTimes, debitDays } from '../../definition/contact-preference.ts';
import { formatDateNl, formatEuro } from '../../definition/templates.ts';
import { partners } from '../../definition/catalog.ts';
import type { Outlook, TenantCase } from './case-summary.ts';
import type { TenantLanguage } from './texts.ts';

export const esc = (v: unknown) => String(v).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export type PageContext = { t: TFunction; lang: TenantLanguage; base: string; org: { name: string; phone: string }; municipalityHelpUrl: string; canPay: boolean };

const dateOf = (iso: string, lang: TenantLanguage) =>
  lang === 'nl' ? formatDateNl(Date.parse(`${iso}T00:00:00Z`)) : new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

export function layout(c: PageContext, title: string, body: string, opts: { langSwitch?: boolean } = {}): string {
  const other: TenantLanguage = c.lang === 'nl' ? 'en' : 'nl';
  return `<!doctype html>
<html lang="${c.lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${esc(title)} · ${esc(c.org.name)}</title><link rel="stylesheet" href="/huurder-static/tenant.css"></head>
<body>
<header><span class="org">${esc(c.org.name)}</span>${opts.langSwitch === false ? '' : ` <a class="lang" href="${esc(c.base)}?lang=${other}" lang="${other}">${esc(c.t('otherLang'))}</a>`}</header>
<main>
${body}
</main>
<footer><p>${esc(c.t('contactUs', { name: c.org.name, phone: c.org.phone }))}</p></footer>
</body></html>`;
}

export function refusedPage(c: PageContext, reason: 'unknown' | 'expired' | 'closed' | 'busy' | 'error' | 'changed'): string {
  return layout(
    c,
    c.t('refused.title'),
    `<h1>${esc(c.t('refused.title'))}</h1><p>${esc(c.t(`refused.${reason}`))}</p><p>${esc(c.t('refused.help', { name: c.org.name, phone: c.org.phone }))}</p>`,
    { langSwitch: false },
  );
}

export function verifyPage(c: PageContext, problem?: 'wrong' | 'locked'): string {
  return layout(
    c,
    c.t('verify.title'),
    `<h1>${esc(c.t('welcome'))}</h1>
<p>${esc(c.t('verify.intro'))}</p>
${problem ? `<p class="problem" role="alert">${esc(c.t(`verify.${problem}`))}</p>` : ''}
<form method="post" action="${esc(c.base)}/controle">
<label for="postcode">${esc(c.t('verify.postcode'))}</label><input id="postcode" name="postcode" autocomplete="postal-code" required maxlength="10">
<label for="houseNumber">${esc(c.t('verify.houseNumber'))}</label><input id="houseNumber" name="houseNumber" inputmode="numeric" required maxlength="10">
<button type="submit">${esc(c.t('verify.submit'))}</button>
</form>`,
  );
}

function outlookText(c: PageContext, o: Outlook): string {
  switch (o.kind) {
    case 'arrangement':
      return c.t('next.arrangement', { amount: formatEuro(o.amountCents), date: dateOf(o.date, c.lang) });
    case 'paused':
      return c.t('next.paused', { date: dateOf(o.date, c.lang) });
    case 'person':
      return c.t('next.person');
    case 'handover':
      return c.t('next.handover', { partner: partners.labels[o.partner as keyof typeof partners.labels]?.[c.lang] ?? o.partner });
    case 'wait':
      return o.until ? c.t('next.waitUntil', { date: dateOf(o.until, c.lang), then: c.t(`next.then.${o.then}`) }) : c.t('next.wait');
    default:
      return c.t('next.wait');
  }
}

const actions = ['pay', 'arrangement', 'contact', 'debitDay', 'callBack', 'help'] as const;
export type TenantAction = (typeof actions)[number];
export const actionPaths: Record<TenantAction, string> = { pay: 'betalen', arrangement: 'regeling', contact: 'contact', debitDay: 'incassodag', callBack: 'terugbellen', help: 'hulp' };

export function homePage(c: PageContext, k: TenantCase, outlook: Outlook, flash?: string): string {
  const paidOff = outlook.kind === 'paid-off' || k.balanceCents <= 0;
  return layout(
    c,
    c.t('title'),
    `<h1>${esc(c.t('welcome'))}</h1>
${flash ? `<p class="done" role="status">${esc(flash)}</p>` : ''}
<p>${esc(c.t('intro'))}</p>
<section class="open" aria-labelledby="open-h"><h2 id="open-h">${esc(c.t('title'))}</h2>
${paidOff ? `<p class="amount">${esc(c.t('paidOff'))}</p>` : `<p class="amount">${esc(c.t('open', { amount: formatEuro(k.balanceCents) }))}</p><p>${esc(c.t('since', { date: dateOf(k.dueDate, c.lang) }))}</p>`}
</section>
${paidOff ? '' : `<section aria-labelledby="next-h"><h2 id="next-h">${esc(c.t('nextTitle'))}</h2><p>${esc(outlookText(c, outlook))}</p></section>`}
<nav aria-labelledby="actions-h"><h2 id="actions-h">${esc(c.t('actionsTitle'))}</h2><ul class="actions">
${actions
  .filter((a) => (!paidOff || a === 'contact' || a === 'debitDay') && (a !== 'pay' || c.canPay))
  .map((a) => `<li><a href="${esc(c.base)}/${actionPaths[a]}">${esc(c.t(`actions.${a}`))}</a></li>`)
  .join('\n')}
</ul></nav>
<section aria-labelledby="help-h"><h2 id="help-h">${esc(c.t('helpLinksTitle'))}</h2><p>${esc(c.t('helpLinks'))}</p><p><a href="${esc(c.municipalityHelpUrl)}" rel="noopener">${esc(c.municipalityHelpUrl.replace(/^https?:\/\//, ''))}</a></p></section>`,
  );
}

const form = (c: PageContext, action: TenantAction, inner: string, submit: string) =>
  `<form method="post" action="${esc(c.base)}/${actionPaths[action]}">${inner}<button type="submit">${esc(submit)}</button></form><p><a href="${esc(c.base)}">${esc(c.t('back'))}</a></p>`;

const problemLine = (p?: string) => (p ? `<p class="problem" role="alert">${esc(p)}</p>` : '');

export function payPage(c: PageContext, k: TenantCase, problem?: string): string {
  const euros = (k.balanceCents / 100).toFixed(2).replace('.', ',');
  return layout(
    c,
    c.t('pay.title'),
    `<h1>${esc(c.t('pay.title'))}</h1><p>${esc(c.t('pay.intro'))}</p>${problemLine(problem)}
${form(c, 'pay', `<label for="amount">${esc(c.t('pay.amount'))}</label><input id="amount" name="amount" inputmode="decimal" required value="${esc(euros)}"><p class="hint">${esc(c.t('pay.all', { amount: formatEuro(k.balanceCents) }))}</p>`, c.t('pay.submit'))}`,
  );
}

export function arrangementPage(c: PageContext, limits: { minCents: number; maxInstalments: number } | null, today: string, problem?: string): string {
  return layout(
    c,
    c.t('arrangement.title'),
    `<h1>${esc(c.t('arrangement.title'))}</h1><p>${esc(c.t('arrangement.intro'))}</p>${limits ? `<p class="hint">${esc(c.t('arrangement.minimum', { amount: formatEuro(limits.minCents), count: limits.maxInstalments }))}</p>` : ''}${problemLine(problem)}
${form(
  c,
  'arrangement',
  `<label for="amount">${esc(c.t('arrangement.amount'))}</label><input id="amount" name="amount" inputmode="decimal" required>
<label for="firstDueDate">${esc(c.t('arrangement.firstDate'))}</label><input id="firstDueDate" name="firstDueDate" type="date" required min="${esc(today)}">`,
  c.t('arrangement.submit'),
)}`,
  );
}

export function contactPage(c: PageContext, k: TenantCase, problem?: string): string {
  const channelOptions = contactPreferences
    .map((ch) => `<option value="${ch}"${k.preferredChannel === ch ? ' selected' : ''}>${esc(c.t(`contact.channels.${ch}`))}</option>`)
    .join('');
  const timeOptions = [`<option value="">${esc(c.t('contact.noTime'))}</option>`, ...contactTimes.map((t) => `<option value="${t}"${k.preferredTime === t ? ' selected' : ''}>${esc(c.t(`contact.times.${t}`))}</option>`)].join('');
  return layout(
    c,
    c.t('contact.title'),
    `<h1>${esc(c.t('contact.title'))}</h1><p>${esc(c.t('contact.intro'))}</p>${problemLine(problem)}
${form(c, 'contact', `<label for="channel">${esc(c.t('contact.channel'))}</label><select id="channel" name="channel">${channelOptions}</select><label for="time">${esc(c.t('contact.time'))}</label><select id="time" name="time">${timeOptions}</select>`, c.t('contact.submit'))}`,
  );
}

export function debitDayPage(c: PageContext, k: TenantCase): string {
  const options = debitDays.map((d) => `<option value="${d}"${k.debitDay === d ? ' selected' : ''}>${esc(c.t('debitDay.option', { day: d }))}</option>`).join('');
  return layout(
    c,
    c.t('debitDay.title'),
    `<h1>${esc(c.t('debitDay.title'))}</h1><p>${esc(c.t('debitDay.intro'))}</p>
${form(c, 'debitDay', `<label for="day">${esc(c.t('debitDay.day'))}</label><select id="day" name="day">${options}</select>`, c.t('debitDay.submit'))}`,
  );
}

export function callBackPage(c: PageContext, k: TenantCase): string {
  if (!k.phone) return layout(c, c.t('callBack.title'), `<h1>${esc(c.t('callBack.title'))}</h1><p>${esc(c.t('callBack.noPhone', { phone: c.org.phone }))}</p><p><a href="${esc(c.base)}">${esc(c.t('back'))}</a></p>`);
  const masked = k.phone.replace(/\d(?=(?:\D*\d){2})/g, '•');
  return layout(
    c,
    c.t('callBack.title'),
    `<h1>${esc(c.t('callBack.title'))}</h1><p>${esc(c.t('callBack.intro', { phone: masked }))}</p>
${form(c, 'callBack', `<label for="note">${esc(c.t('callBack.note'))}</label><textarea id="note" name="note" maxlength="1000" rows="3"></textarea>`, c.t('callBack.submit'))}`,
  );
}

export function helpPage(c: PageContext): string {
  return layout(
    c,
    c.t('help.title'),
    `<h1>${esc(c.t('help.title'))}</h1><p>${esc(c.t('help.intro'))}</p><p>${esc(c.t('help.meanwhile'))}</p>
${form(c, 'help', `<label for="note">${esc(c.t('help.who'))}</label><textarea id="note" name="note" maxlength="1000" rows="3"></textarea>`, c.t('help.submit'))}`,
  );
}

export const TENANT_CSS = `*{box-sizing:border-box}body{margin:0;font:1.0625rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;background:#f6f5f2}
header{display:flex;justify-content:space-between;align-items:center;padding:.75rem 1rem;background:#0b4f6c;color:#fff}header a{color:#fff}
main{max-width:34rem;margin:0 auto;padding:1rem}h1{font-size:1.5rem;margin:.5rem 0 1rem}h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
.amount{font-size:1.3rem;font-weight:600}.open{background:#fff;border-radius:.5rem;padding:.25rem 1rem;border:1px solid #d8d4cc}
.actions{list-style:none;padding:0;margin:0;display:grid;gap:.5rem}.actions a{display:block;padding:.9rem 1rem;background:#fff;border:1px solid #0b4f6c;border-radius:.5rem;color:#0b4f6c;font-weight:600;text-decoration:none}
.actions a:focus,.actions a:hover{background:#e6f0f4}a{color:#0b4f6c}a:focus,button:focus,input:focus,select:focus,textarea:focus{outline:3px solid #c25400;outline-offset:2px}
form{display:grid;gap:.4rem;margin:1rem 0}label{font-weight:600;margin-top:.5rem}input,select,textarea{font:inherit;padding:.6rem;border:1px solid #6b6b6b;border-radius:.4rem;background:#fff;width:100%}
button{font:inherit;font-weight:600;margin-top:1rem;padding:.8rem 1rem;border:0;border-radius:.5rem;background:#0b4f6c;color:#fff;cursor:pointer}
.problem{background:#fdecea;border-left:4px solid #b3261e;padding:.5rem .75rem}.done{background:#e7f4ea;border-left:4px solid #1e6b34;padding:.5rem .75rem}.hint{color:#4a4a4a;margin:.25rem 0}
footer{max-width:34rem;margin:0 auto;padding:1rem;color:#4a4a4a}`;

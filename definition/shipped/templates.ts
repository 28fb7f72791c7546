// The shipped message templates, in plain Dutch (B1): short sentences, one request at a
// time, a person to contact. Seeded on first start; organisations edit them in the designer.
import type { Template } from '../templates.ts';

export const shippedTemplates: Template[] = [
  {
    id: 'betalingsherinnering',
    channel: 'letter',
    name: 'Betalingsherinnering met aanbod gemeente',
    subject: 'Uw huur is nog niet betaald',
    body: `Beste {{tenantName}},

Wij hebben de huur nog niet ontvangen. Er staat nu {{amount}} open. De huur moest betaald zijn op {{dueDate}}.

Misschien bent u het vergeten. Wilt u het bedrag binnen 14 dagen betalen? Gebruik kenmerk {{reference}}.

Lukt betalen niet? Dat kan gebeuren. Bel ons, dan zoeken we samen naar een oplossing. U kunt ook hulp krijgen bij geldzaken van de gemeente. Die hulp is gratis.

Wij geven uw naam, adres en het bedrag door aan de gemeente, zodat zij u hulp kunnen aanbieden. Wilt u dat niet? Laat het ons dan binnen 14 dagen weten.

Met vriendelijke groet,
{{caseworkerName}}
Telefoon: {{caseworkerPhone}}`,
  },
  {
    id: 'whatsapp-betaallink',
    channel: 'whatsapp',
    name: 'WhatsApp met betaallink',
    body: `Hallo {{tenantName}}, met {{caseworkerName}} van uw woningcorporatie. Er staat nog {{amount}} huur open. Betalen kan hier: {{paymentLink}}. Lukt het niet? Stuur een berichtje of bel {{caseworkerPhone}}. Hoe wilt u het liefst contact: bellen, WhatsApp of langskomen?`,
  },
  {
    id: 'veertiendagenbrief',
    channel: 'letter',
    name: 'Veertiendagenbrief',
    subject: 'Laatste kans om kosten te voorkomen',
    body: `Beste {{tenantName}},

U heeft nog een huurachterstand van {{amount}}. Wij hebben u hierover al eerder geschreven en geprobeerd u te spreken.

Betaal het bedrag binnen 14 dagen. Die 14 dagen gaan in op de dag na de dag dat u deze brief ontvangt. Gebruik kenmerk {{reference}}.

Betaalt u niet op tijd? Dan moet u incassokosten betalen. Die kosten zijn {{collectionCosts}}.

Lukt betalen niet? Bel ons. Dan maken we samen een regeling.

Met vriendelijke groet,
{{caseworkerName}}
Telefoon: {{caseworkerPhone}}`,
  },
  {
    id: 'termijn-herinnering',
    channel: 'whatsapp',
    name: 'Herinnering termijn regeling',
    body: `Hallo {{tenantName}}, een herinnering: op {{instalmentDate}} betaalt u {{instalmentAmount}} voor uw regeling. Kenmerk {{reference}}. Vragen? Bel {{caseworkerPhone}}.`,
  },
  {
    id: 'termijn-gemist',
    channel: 'whatsapp',
    name: 'Termijn gemist',
    body: `Hallo {{tenantName}}, wij hebben de termijn van {{instalmentAmount}} van {{instalmentDate}} nog niet ontvangen. Lukt het deze keer niet? Bel of app {{caseworkerName}} op {{caseworkerPhone}}. Dan kijken we samen wat wel kan.`,
  },
  {
    id: 'regeling-gestopt',
    channel: 'whatsapp',
    name: 'Regeling gestopt',
    body: `Hallo {{tenantName}}, uw betalingsregeling is gestopt, omdat er termijnen niet betaald zijn. Er staat nog {{amount}} open. Wij bellen u snel om samen te kijken wat wel kan. Ook als u hulp wilt bij geldzaken. Liever zelf bellen? Bel {{caseworkerName}} op {{caseworkerPhone}}.`,
  },
  {
    id: 'herinnering-email',
    channel: 'email',
    name: 'Betalingsherinnering per e-mail',
    subject: 'Uw huur is nog niet betaald',
    body: `Beste {{tenantName}},

Wij hebben de huur nog niet ontvangen. Er staat {{amount}} open. Betalen kan via {{paymentLink}}.

Lukt betalen niet? Bel {{caseworkerName}} op {{caseworkerPhone}}. Dan zoeken we samen een oplossing.

Met vriendelijke groet,
{{caseworkerName}}`,
  },
  {
    id: 'sms-herinnering',
    channel: 'sms',
    name: 'SMS-herinnering',
    body: `Hallo {{tenantName}}, er staat nog {{amount}} huur open. Betalen: {{paymentLink}}. Hulp nodig? Bel {{caseworkerPhone}}.`,
  },
  {
    id: 'preventie-vriendelijk',
    channel: 'email',
    name: 'Preventie: vriendelijk bericht',
    subject: 'Gaat alles goed met de huur?',
    body: `Beste {{tenantName}},

Wij zagen dat er iets veranderde bij de betaling van uw huur. Er is niets aan de hand, maar wij denken graag met u mee. Dan voorkomen we samen dat er een achterstand komt.

Misschien past een andere dag voor de automatische incasso beter bij uw inkomen. Dat kunt u zelf kiezen via uw persoonlijke pagina: {{paymentLink}}

Heeft u recht op huurtoeslag? Doe de proefberekening op www.toeslagen.nl. En wie zich zorgen maakt over geld, kan gratis hulp krijgen van de gemeente.

Wilt u even praten? Bel {{caseworkerName}} op {{caseworkerPhone}}.

Met vriendelijke groet,
{{caseworkerName}}`,
  },
  {
    id: 'preventie-incasso',
    channel: 'sms',
    name: 'Preventie: herinnering vóór de incasso',
    body: `Hallo {{tenantName}}, over een paar dagen schrijven wij de huur af. Zorgt u dat er genoeg op uw rekening staat? Past een andere dag beter? Kies die hier: {{paymentLink}}. Vragen? Bel {{caseworkerPhone}}.`,
  },
];

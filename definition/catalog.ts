// The fixed vocabulary of the definition language. Policy owners pick from these lists; the
// engine gives each entry its meaning (which step counts as a written reminder, which partner
// is the bailiff). Labels live here too so the designer, the inbox and the API speak alike.

export type Label = { nl: string; en: string };

export function vocabulary<const K extends string>(entries: Record<K, Label>) {
  const ids = Object.keys(entries) as [K, ...K[]];
  return { ids, labels: entries };
}

export const roles = vocabulary({
  'policy-owner': { nl: 'Beleidsadviseur', en: 'Policy owner' },
  caseworker: { nl: 'Incassomedewerker', en: 'Caseworker' },
  'team-lead': { nl: 'Teamleider', en: 'Team lead' },
  controller: { nl: 'Controller', en: 'Controller' },
  'collection-manager': { nl: 'Manager incasso', en: 'Collection manager' },
  finance: { nl: 'Financiële administratie', en: 'Finance' },
  ops: { nl: 'Beheer', en: 'Ops' },
  admin: { nl: 'Beheerder', en: 'Admin' },
});

export const channels = vocabulary({
  letter: { nl: 'Brief', en: 'Letter' },
  email: { nl: 'E-mail', en: 'E-mail' },
  whatsapp: { nl: 'WhatsApp', en: 'WhatsApp' },
  sms: { nl: 'SMS', en: 'SMS' },
});

/** Written channels count as the "written reminder" of the law (Bgs art. 2 sub c). */
export const writtenChannels = ['letter', 'email'] as const;

export const messagePurposes = vocabulary({
  reminder: { nl: 'Betalingsherinnering', en: 'Payment reminder' },
  'fourteen-day-letter': { nl: 'Veertiendagenbrief', en: '14-day letter' },
  'payment-link': { nl: 'Betaallink', en: 'Payment link' },
  'arrangement-reminder': { nl: 'Herinnering termijn', en: 'Instalment reminder' },
  'arrangement-missed': { nl: 'Termijn gemist', en: 'Instalment missed' },
  'arrangement-broken': { nl: 'Regeling gestopt', en: 'Arrangement ended' },
  information: { nl: 'Informatie', en: 'Information' },
  aftercare: { nl: 'Nazorg', en: 'Aftercare' },
});

export const taskKinds = vocabulary({
  'phone-call': { nl: 'Telefoongesprek', en: 'Phone call' },
  'home-visit': { nl: 'Huisbezoek', en: 'Home visit' },
  'office-visit': { nl: 'Kantoorbezoek', en: 'Office visit' },
  intake: { nl: 'Intakegesprek', en: 'Intake' },
  'court-judgment': { nl: 'Vonnis vastleggen', en: 'Record court judgment' },
  assessment: { nl: 'Beoordeling', en: 'Assessment' },
  custom: { nl: 'Taak', en: 'Task' },
});

/** Tasks the engine opens of its own accord, beside the kinds a policy owner draws. */
export const engineTaskKinds = vocabulary({
  approval: { nl: 'Goedkeuring', en: 'Approval' },
  'legal-review': { nl: 'Juridische controle', en: 'Legal check' },
  'contact-follow-up': { nl: 'Terugbellen na contact', en: 'Follow-up after contact' },
  'pause-review': { nl: 'Pauze herzien', en: 'Review a pause' },
  'credit-settlement': { nl: 'Tegoed afhandelen', en: 'Settle a credit' },
  'call-back': { nl: 'Terugbelverzoek huurder', en: "Tenant's call-back request" },
  'getting-help': { nl: 'Huurder krijgt hulp', en: 'Tenant is getting help' },
  'arrangement-proposal': { nl: 'Regelingsvoorstel huurder', en: "Tenant's arrangement proposal" },
  'ledger-check': { nl: 'Grootboek op nul controleren', en: 'Check a cleared ledger' },
});

/** Task kinds that are an attempt at personal contact (Bgs art. 2 sub a). */
export const personalContactTasks = ['phone-call', 'home-visit', 'office-visit', 'intake'] as const;

/**
 * What an outcome of a human task means to the engine. Most outcomes mean nothing special
 * (they only choose the next step); these few carry legal or case weight.
 */
export const outcomeMeanings = vocabulary({
  'contact-made': { nl: 'Contact gehad', en: 'Contact made' },
  'no-contact': { nl: 'Geen contact', en: 'No contact' },
  'arrangement-agreed': { nl: 'Regeling afgesproken', en: 'Arrangement agreed' },
  'data-sharing-refused': { nl: 'Weigert melding gemeente', en: 'Refuses municipality report' },
  'judgment-granted': { nl: 'Vonnis toegewezen', en: 'Judgment granted' },
  'judgment-denied': { nl: 'Vonnis afgewezen', en: 'Judgment denied' },
  'household-assessed': { nl: 'Gezinssituatie beoordeeld', en: 'Household assessed' },
});

export const partners = vocabulary({
  'debt-help': { nl: 'Schuldhulpverlening', en: 'Debt help' },
  'neighbourhood-team': { nl: 'Wijkteam', en: 'Neighbourhood team' },
  'budget-coach': { nl: 'Budgetcoach', en: 'Budget coach' },
  'municipality-signal': { nl: 'Vroegsignalering gemeente', en: 'Municipality early signal' },
  bailiff: { nl: 'Deurwaarder', en: 'Bailiff' },
});

export const bailiffPurposes = vocabulary({
  'court-claim': { nl: 'Dagvaarding / vordering', en: 'Court claim' },
  'eviction-notice': { nl: 'Aanzegging tot ontruiming', en: 'Eviction notice' },
});

export const caseOutcomes = vocabulary({
  paid: { nl: 'Betaald', en: 'Paid' },
  'arrangement-completed': { nl: 'Regeling voldaan', en: 'Arrangement completed' },
  forgiven: { nl: 'Kwijtgescholden', en: 'Forgiven' },
  'handed-over': { nl: 'Overgedragen', en: 'Handed over' },
  evicted: { nl: 'Ontruimd', en: 'Evicted' },
  cancelled: { nl: 'Geannuleerd', en: 'Cancelled' },
  /** A prevention process that ran its course. */
  completed: { nl: 'Afgerond', en: 'Completed' },
  /** A prevention process ended by the engine because the tenancy got an arrears case. */
  superseded: { nl: 'Opgevolgd door een achterstandszaak', en: 'Followed by an arrears case' },
});

/**
 * What the rent ledger (or the tenant) tells before there are arrears: the signals a prevention
 * process starts on (definition/prevention.ts). `seasonal` is the proactive call a Schedule starts.
 */
export const riskSignals = vocabulary({
  'debit-reversed': { nl: 'Automatische incasso gestorneerd', en: 'Direct debit reversed' },
  'paid-late': { nl: 'Twee maanden op rij later betaald dan gewoonlijk', en: 'Paid later than usual two months running' },
  'benefit-stopped': { nl: 'Huurtoeslag gestopt', en: 'Housing benefit stopped' },
  'opt-in': { nl: 'Huurder heeft zich aangemeld voor hulp', en: 'The tenant asked for help' },
  seasonal: { nl: 'Seizoensactie: proactief contact', en: 'Seasonal campaign: proactive contact' },
});
export type RiskSignal = (typeof riskSignals.ids)[number];

/** Tenant segments from the sources; a segment is a suggestion a person confirms. */
export const segments = vocabulary({
  'new-tenant': { nl: 'Nieuwe huurder', en: 'New tenant' },
  'chronic-late-payer': { nl: 'Chronische laatbetaler', en: 'Chronic late payer' },
  'lax-payer': { nl: 'Makkelijke laatbetaler', en: 'Lax payer' },
  'temporary-victim': { nl: 'Tijdelijk slachtoffer', en: 'Temporary victim' },
  'principled-refuser': { nl: 'Principiële weigeraar', en: 'Principled refuser' },
  'structural-problems': { nl: 'Structurele betalingsproblemen', en: 'Structural payment problems' },
});

/** Case events a wait can end on (besides its own time running out). */
export const caseEventTypes = vocabulary({
  payment: { nl: 'Betaling (deel)', en: 'Payment (part)' },
  contact: { nl: 'Contact met huurder', en: 'Contact with tenant' },
});

export type Role = (typeof roles.ids)[number];
export type Channel = (typeof channels.ids)[number];
export type Partner = (typeof partners.ids)[number];
export type CaseOutcome = (typeof caseOutcomes.ids)[number];
export type Segment = (typeof segments.ids)[number];
export type OutcomeMeaning = (typeof outcomeMeanings.ids)[number];
export type TaskKind = (typeof taskKinds.ids)[number];

// Issue 14, point 2 (the formats): bank statements as Dutch banks deliver them, CAMT.053 and
// MT940 beside CSV, through the same import: matched by the payment reference in the
// remittance text (unstructured or the structured creditor reference), unmatched and ambiguous
// lines reported with the reason, money going out and reversals set aside, a preview with the
// totals that records nothing, and the same file twice changing nothing.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startHarness, waitFor, type Api, type Harness } from './support/harness.ts';

let h: Harness;
let fleur: Api;
const refs: string[] = [];
const cases: string[] = [];
beforeAll(async () => {
  // Its own database: the statements name references only this file's cases carry.
  h = await startHarness({ ownDatabase: true });
  fleur = await h.as('fleur');
  const sanne = await h.as('sanne');
  for (const n of [1, 2, 3]) {
    const reference = `BS-${n}${Math.random().toString(36).slice(2, 6).toUpperCase()}`;
    const c = await h.openCase(sanne, { arrearsCents: 80_000, tenancy: { reference, street: `Stationsweg ${n}`, postalCode: '3511 AB', city: 'Utrecht', minorsInHousehold: false } });
    refs.push(reference);
    cases.push(c.id);
  }
});
afterAll(async () => h?.stop());

const send = (body: string, type: string, query = '') => fleur.call('POST', `/api/payments/import${query}`, body, { 'content-type': type });
const balance = async (i: number) => (await h.pool.query<{ balance_cents: number }>(`SELECT balance_cents FROM cases WHERE id = $1`, [cases[i]])).rows[0]!.balance_cents;
const paymentsOf = async (i: number) => (await h.pool.query(`SELECT amount_cents FROM payments WHERE case_id = $1 ORDER BY amount_cents`, [cases[i]])).rows.map((r) => r.amount_cents);

const camt = (entries: string) => `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>ABNAMRO-20261201-001</MsgId><CreDtTm>2026-12-02T06:00:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>20261201-NL91ABNA0417164300</Id>
      <CreDtTm>2026-12-02T06:00:00</CreDtTm>
      <Acct><Id><IBAN>NL91ABNA0417164300</IBAN></Id><Ccy>EUR</Ccy></Acct>
      ${entries}
    </Stmt>
  </BkToCstmrStmt>
</Document>`;

const entry = (o: { ref: string; cents: number; dir?: 'CRDT' | 'DBIT'; reversal?: boolean; txs: string[] }) => `
      <Ntry>
        <Amt Ccy="EUR">${(o.cents / 100).toFixed(2)}</Amt>
        <CdtDbtInd>${o.dir ?? 'CRDT'}</CdtDbtInd>
        ${o.reversal ? '<RvslInd>true</RvslInd>' : ''}
        <Sts>BOOK</Sts>
        <BookgDt><Dt>2026-12-01</Dt></BookgDt>
        <ValDt><Dt>2026-12-01</Dt></ValDt>
        <AcctSvcrRef>${o.ref}</AcctSvcrRef>
        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
        <NtryDtls>${o.txs.join('')}</NtryDtls>
      </Ntry>`;

const tx = (cents: number, remittance: string, iban = 'NL20INGB0001234567') => `
          <TxDtls>
            <Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs>
            <AmtDtls><TxAmt><Amt Ccy="EUR">${(cents / 100).toFixed(2)}</Amt></TxAmt></AmtDtls>
            <RltdPties><Dbtr><Nm>J. Jansen</Nm></Dbtr><DbtrAcct><Id><IBAN>${iban}</IBAN></Id></DbtrAcct></RltdPties>
            ${remittance}
          </TxDtls>`;

const ustrd = (text: string) => `<RmtInf><Ustrd>${text}</Ustrd></RmtInf>`;
const strd = (ref: string) => `<RmtInf><Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>${ref}</Ref></CdtrRefInf></Strd></RmtInf>`;

test('a CAMT.053 statement: a preview shows the totals and records nothing; the import matches by reference, reports the rest, and the same file twice adds nothing', async () => {
  const statement = camt(
    [
      entry({ ref: 'ABN-0001', cents: 25_000, txs: [tx(25_000, ustrd(`Huur november ${refs[0]}`))] }),
      // A batch booking: two transfers in one entry, one by the structured creditor reference.
      entry({ ref: 'ABN-0002', cents: 15_000, txs: [tx(10_000, strd(refs[1]!)), tx(5_000, ustrd('onbekend kenmerk 9999'))] }),
      entry({ ref: 'ABN-0003', cents: 7_500, txs: [tx(7_500, ustrd(`${refs[0]} en ${refs[2]}`))] }),
      entry({ ref: 'ABN-0004', cents: 2_000, dir: 'DBIT', txs: [tx(2_000, ustrd('bankkosten'))] }),
      entry({ ref: 'ABN-0005', cents: 3_000, reversal: true, txs: [tx(3_000, ustrd(`storno ${refs[1]}`))] }),
    ].join(''),
  );

  const preview = await send(statement, 'application/xml', '?preview=true&filename=camt-december.xml');
  expect(preview.status).toBe(200);
  expect(preview.body).toMatchObject({ format: 'CAMT.053', preview: true, importId: null, lines: 4, matched: 2, applied: 0, duplicates: 0 });
  expect(preview.body.totals).toEqual({ receivedCents: 47_500, matchedCents: 35_000, unmatchedCents: 12_500 });
  expect(preview.body.unmatched.map((u: { reason: string }) => u.reason)).toEqual(['no open case carries this reference', expect.stringMatching(/^names more than one open case/)]);
  expect(preview.body.ignored).toEqual([
    { line: 4, reason: 'money going out, not a payment received' },
    { line: 5, reason: 'a reversal of an earlier entry, not a payment received' },
  ]);
  expect(await paymentsOf(0)).toEqual([]);

  const imported = await send(statement, 'application/xml', '?filename=camt-december.xml');
  expect(imported.status).toBe(200);
  expect(imported.body).toMatchObject({ format: 'CAMT.053', preview: false, matched: 2, applied: 2, duplicates: 0 });
  await waitFor('both payments applied', async () => ((await balance(0)) === 55_000 && (await balance(1)) === 70_000 ? true : undefined));
  expect(await paymentsOf(0)).toEqual([25_000]);

  const again = await send(statement, 'application/xml');
  expect(again.body).toMatchObject({ alreadyImported: true, applied: 0 });
  expect(await paymentsOf(0)).toEqual([25_000]);
  expect(await paymentsOf(1)).toEqual([10_000]);

  // The next day's statement repeats entry ABN-0001 (banks do, around the day's end): it is the same payment.
  const next = camt(entry({ ref: 'ABN-0001', cents: 25_000, txs: [tx(25_000, ustrd(`Huur november ${refs[0]}`))] }) + entry({ ref: 'ABN-0101', cents: 1_000, txs: [tx(1_000, ustrd(refs[2]!))] }));
  const second = await send(next, 'application/xml');
  expect(second.body).toMatchObject({ alreadyImported: false, matched: 2, applied: 1, duplicates: 1 });
  await waitFor('the new payment applied', async () => ((await balance(2)) === 79_000 ? true : undefined));
  expect(await paymentsOf(0)).toEqual([25_000]);
});

test('an MT940 statement (ABN AMRO style :86:) matches by its remittance, keeps the payer’s IBAN, and twice changes nothing', async () => {
  const statement = [
    ':20:STMT-2026-12-02',
    ':25:NL91ABNA0417164300',
    ':28C:00336/1',
    ':60F:C261201EUR1000,00',
    ':61:2612021202C120,00NTRFABN-REF-0001//B1',
    `:86:/TRTP/SEPA OVERBOEKING/IBAN/NL20INGB0001234567/BIC/INGBNL2A/NAME/J JANSEN/REMI/USTD//Huur ${refs[2]}/EREF/NOTPROVIDED`,
    ':61:2612021202C60,00NTRFABN-REF-0002//B2',
    ':86:/TRTP/SEPA OVERBOEKING/IBAN/NL20INGB0007654321/NAME/X/REMI/USTD//voor de garage/EREF/NOTPROVIDED',
    ':61:2612021202D15,00NTRFABN-REF-0003//B3',
    ':86:/REMI/USTD//kosten/',
    ':62F:C261202EUR1165,00',
    '',
  ].join('\r\n');
  const preview = await send(statement, 'application/octet-stream', '?preview=true');
  expect(preview.body).toMatchObject({ format: 'MT940', lines: 2, matched: 1, totals: { receivedCents: 18_000, matchedCents: 12_000, unmatchedCents: 6_000 } });
  const imported = await send(statement, 'application/octet-stream', '?filename=mt940-2-december.sta');
  expect(imported.body).toMatchObject({ format: 'MT940', matched: 1, applied: 1 });
  expect(imported.body.unmatched).toEqual([
    { line: 2, paymentId: expect.stringMatching(/^bank:/), reference: 'voor de garage', amountCents: 6_000, date: '2026-12-02', reason: 'no open case carries this reference', candidates: [], iban: 'NL20INGB0007654321' },
  ]);
  await waitFor('the MT940 payment applied', async () => ((await paymentsOf(2)).includes(12_000) ? true : undefined));
  expect((await send(statement, 'application/octet-stream')).body).toMatchObject({ alreadyImported: true, applied: 0 });
  expect((await paymentsOf(2)).filter((c: number) => c === 12_000)).toHaveLength(1);
});

test('a statement the bank got wrong is refused whole, naming the entry; a forged form post is refused', async () => {
  // Neither remittance information nor the payer's account: nothing to match on.
  const broken = camt(entry({ ref: 'ABN-0900', cents: 5_000, txs: [tx(5_000, '').replace(/<DbtrAcct>.*?<\/DbtrAcct>/, '')] }));
  const refused = await send(broken, 'application/xml');
  expect(refused.status).toBe(400);
  expect(refused.body.error.message).toContain("entry 1 (ABN-0900): no remittance information (RmtInf) to match on, nor the payer's account (DbtrAcct)");
  const unbalanced = await send(':20:X\n:25:NL91ABNA0417164300\n:28C:1/1\n:60F:C261201EUR10,00\n:61:2612011201C5,00NTRFREF//B\n:86:/REMI/USTD//x/\n:62F:C261201EUR99,00\n', 'application/octet-stream');
  expect(unbalanced.status).toBe(400);
  expect(unbalanced.body.error.message).toMatch(/not a valid MT940 statement/);
  // text/plain is what a cross-site form can send: never taken as a statement.
  expect((await send(':20:X', 'text/plain')).status).toBe(400);
});

// A wait that a contact cuts short: the standard ladder's first wait ends on `contact`. Staff
// register the tenant's call as soon as the case shows that wait; the call must end it.
//
// Found by this test (workflows/interpreter.ts): the wait takes its snapshot of the case's
// events only after `recordStep` resolves. The read model already shows the wait by then, and
// an update that arrives in the same workflow activation as that activity's result is handled
// first, so its event is counted into the snapshot and the wait never sees it: the contact is
// on the timeline, the API said 200, and the case waits the full seven days. With recordStep as
// a regular activity (commit badc6db) 4 of 16 attempts were lost. As a local activity no loss
// showed in 48 attempts, but the cause stays: an update and the activity's result can still
// meet in one activation when recordStep outlives its workflow task (a retry after a database
// error). The fix is to take the snapshot when the step is entered, before any await.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openTask } from './support/cases.ts';
import { startHarness, waitFor, type Api, type Harness } from './support/harness.ts';

let h: Harness;
let sanne: Api;
let mark: Api;
beforeAll(async () => {
  h = await startHarness();
  [sanne, mark] = await Promise.all([h.as('sanne'), h.as('mark')]);
});
afterAll(async () => h?.stop());

test('a contact registered as soon as the case shows the reminder wait ends that wait, every time', async () => {
  const lost: string[] = [];
  for (let attempt = 0; attempt < 16; attempt++) {
    const c = await h.openCase(sanne);
    await waitFor(
      'the case at its first wait',
      async () => (await h.pool.query(`SELECT current_step FROM cases WHERE id = $1`, [c.id])).rows[0]?.current_step === 'wait-after-reminder',
      10_000,
      2,
    );
    const contact = await sanne.post(`/api/cases/${c.id}/events`, { type: 'contact', note: 'Huurder belde zelf.' });
    expect(contact.status).toBe(200);
    // The wait ends on the contact and the call task opens; in real time, nothing else could open it.
    const opened = await openTask(h, c.id, 'phone-call', 5_000).then(
      () => true,
      () => false,
    );
    if (!opened) lost.push(c.id);
    expect((await mark.post(`/api/cases/${c.id}/cancel`, { reason: 'Test afgerond' })).status).toBe(200);
  }
  expect(lost, 'cases whose registered contact did not end the wait').toEqual([]);
});

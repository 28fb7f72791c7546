// The read model's writes, batched. A write is handed to an activity only once the workflow
// task that decided it is in the history (regular activities, never local ones: a local one runs
// before its task commits, and a task retried after a worker died could take another path while
// the first attempt's writes stayed). The case does not wait for its writes: they go in order,
// one batch at a time, everything added while a batch is on its way in the next one. Updates
// wait for `settled()` before they answer, and the case before it closes or continues as new.
import { condition } from '@temporalio/workflow';
import type { ApplyWritesInput, ReadModelWrite } from '../activities/contracts.ts';

export class ReadModelWrites {
  private readonly pending: ReadModelWrite[] = [];
  private added = 0;
  private applied = 0;
  private inFlight = false;
  private scheduled = false;

  constructor(
    private readonly caseId: string,
    private readonly apply: (input: ApplyWritesInput) => Promise<void>,
  ) {}

  add(write: ReadModelWrite): void {
    this.pending.push(write);
    this.added++;
    this.schedule();
  }

  /** Whether a write is still on its way. */
  busy(): boolean {
    return this.applied < this.added;
  }

  /** Resolves once every write added so far is in the read model. */
  async settled(): Promise<void> {
    const target = this.added;
    await condition(() => this.applied >= target);
  }

  // The batch leaves after the code that is running now has added what it adds in one go
  // (a step and its task), and never while another is on its way: writes stay in order.
  private schedule() {
    if (this.inFlight || this.scheduled || this.pending.length === 0) return;
    this.scheduled = true;
    void Promise.resolve().then(() => this.send());
  }

  private send() {
    this.scheduled = false;
    if (this.inFlight || this.pending.length === 0) return;
    const batch = this.pending.splice(0);
    this.inFlight = true;
    // Retried until it goes in (the activity's retry policy has no end): writes are idempotent by key.
    void this.apply({ caseId: this.caseId, writes: batch }).then(() => {
      this.applied += batch.length;
      this.inFlight = false;
      this.schedule();
    });
  }
}

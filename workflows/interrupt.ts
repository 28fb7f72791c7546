// Thrown out of any wait when the case must leave its step: cancelled, paid off, or a
// forgiveness proposed from the case page (the case goes to its approval).
export type InterruptReason = 'cancelled' | 'balance-cleared' | 'forgiveness-proposed' | 'arrangement-agreed';

export class Interrupt extends Error {
  constructor(readonly reason: InterruptReason) {
    super(reason);
  }
}

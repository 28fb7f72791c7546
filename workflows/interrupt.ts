// Thrown out of any wait when the case must leave its step: cancelled, or paid off.
export type InterruptReason = 'cancelled' | 'balance-cleared';

export class Interrupt extends Error {
  constructor(readonly reason: InterruptReason) {
    super(reason);
  }
}

// Which day's print batch a letter goes into. The rule, in full:
//
// - A letter belongs to the batch of the Amsterdam calendar day on which it entered the outbox
//   (the outbox row's created_at, in Europe/Amsterdam).
// - A batch's letters are fixed when its PDF is first produced: later downloads of that day give
//   the same letters, and each letter is in exactly one batch.
// - A letter that arrives after its day's batch was produced goes into the next day whose batch
//   has not been produced yet (usually the next day's).
//
// Days are ISO dates (YYYY-MM-DD); pure, so the list of days and the production agree.

const DAY = 86_400_000;

export const nextIsoDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + DAY).toISOString().slice(0, 10);

/** The batch day of a letter recorded on `recordedOn`, given the days whose batch is already produced. */
export function batchDayOf(recordedOn: string, produced: ReadonlySet<string>): string {
  let day = recordedOn;
  while (produced.has(day)) day = nextIsoDay(day);
  return day;
}

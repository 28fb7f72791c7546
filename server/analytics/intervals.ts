// Rates with their uncertainty. A share of a few dozen cases moves a lot by chance, so every
// rate the analytics show carries its count and a 95% interval, and a rate of fewer than
// MIN_CASES cases is marked too few: shown, never coloured or ranked. Wilson's score interval
// rather than the textbook p ± 1.96·se, which collapses to a width of zero at 0% and 100% and
// runs outside [0, 1] on small counts; Newcombe's hybrid score interval (his method 10) for the
// difference of two independent shares, built from the two Wilson intervals.

/** Fewer cases than this: a figure is shown but marked too few, and never ranked or coloured. */
export const MIN_CASES = 30;

const Z95 = 1.959963984540054;

/** k of n, as a share with its Wilson 95% interval (null when n is 0), rounded to 4 decimals. */
export type Rate = { k: number; n: number; rate: number | null; low: number | null; high: number | null; tooFew: boolean };

const round4 = (v: number) => Math.round(v * 10_000) / 10_000;

/** The Wilson score interval of k successes in n trials, unrounded. */
export function wilson(k: number, n: number, z = Z95): { low: number; high: number } {
  if (n <= 0) throw new RangeError('wilson: n must be positive');
  if (k < 0 || k > n) throw new RangeError(`wilson: k must lie between 0 and n (${k} of ${n})`);
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // Rounding error must not put the bounds outside [0, 1] at k = 0 or k = n.
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

export function rate(k: number, n: number): Rate {
  if (n === 0) return { k, n, rate: null, low: null, high: null, tooFew: true };
  const { low, high } = wilson(k, n);
  return { k, n, rate: round4(k / n), low: round4(low), high: round4(high), tooFew: n < MIN_CASES };
}

export type Difference = { estimate: number; low: number; high: number; tooFew: boolean; verdict: 'higher' | 'lower' | 'no-difference' | null };

/**
 * B's share minus A's, with Newcombe's 95% interval. The verdict says whether the interval lies
 * wholly above or below zero; with fewer than MIN_CASES on either side there is none.
 */
export function difference(a: Rate, b: Rate): Difference | null {
  if (a.n === 0 || b.n === 0) return null;
  const pa = a.k / a.n;
  const pb = b.k / b.n;
  const wa = wilson(a.k, a.n);
  const wb = wilson(b.k, b.n);
  const d = pb - pa;
  const low = d - Math.sqrt((pb - wb.low) ** 2 + (wa.high - pa) ** 2);
  const high = d + Math.sqrt((wb.high - pb) ** 2 + (pa - wa.low) ** 2);
  const tooFew = a.n < MIN_CASES || b.n < MIN_CASES;
  const verdict = tooFew ? null : low > 0 ? 'higher' : high < 0 ? 'lower' : 'no-difference';
  return { estimate: round4(d), low: round4(low), high: round4(high), tooFew, verdict };
}

/**
 * Ranks (1 = highest share) for the items whose rate rests on enough cases; the others get
 * null. Ties share a rank, as a reader expects of "equally good".
 */
export function ranks<T>(items: T[], rateOf: (item: T) => Rate): Array<number | null> {
  const ranked = items.map(rateOf).filter((r) => !r.tooFew && r.rate !== null).map((r) => r.rate!);
  return items.map((item) => {
    const r = rateOf(item);
    if (r.tooFew || r.rate === null) return null;
    return 1 + ranked.filter((other) => other > r.rate!).length;
  });
}

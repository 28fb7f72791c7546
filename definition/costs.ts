// Collection costs on the BIK scale (Besluit vergoeding voor buitengerechtelijke
// incassokosten, art. 2), over the combined principal, charged once.
const brackets: Array<[upToCents: number, rate: number]> = [
  [250_000, 0.15],
  [500_000, 0.1],
  [1_000_000, 0.05],
  [20_000_000, 0.01],
  [Number.POSITIVE_INFINITY, 0.005],
];
export const BIK_MIN_CENTS = 4_000;
export const BIK_MAX_CENTS = 677_500;

export function collectionCostsCents(principalCents: number): number {
  let total = 0;
  let lower = 0;
  for (const [upper, rate] of brackets) {
    if (principalCents <= lower) break;
    total += (Math.min(principalCents, upper) - lower) * rate;
    lower = upper;
  }
  return Math.min(BIK_MAX_CENTS, Math.max(BIK_MIN_CENTS, Math.round(total)));
}

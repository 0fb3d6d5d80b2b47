import { invalid } from '../shared/domain-error.js';
import { add, below, decimal, fraction, text, times, type Fraction } from './fraction.js';
import type { AssessmentFormula, ItemRating } from './property-service.events.js';
import type { RequestFigures } from './request-figures.js';

/** A formula a contract may carry: whole-number weights summing to 100, bands between 1 and 100 withholding 0–100 %. */
export function checkFormula(formula: AssessmentFormula): AssessmentFormula {
  const { survey, onTime, satisfaction } = formula.weights;
  const whole = (n: number) => Number.isSafeInteger(n) && n >= 0;
  if (![survey, onTime, satisfaction].every(whole) || survey + onTime + satisfaction !== 100)
    throw invalid(
      'INVALID_FORMULA',
      `the weights must be whole numbers summing to 100; these sum to ${survey + onTime + satisfaction}`,
    );
  const seen = new Set<number>();
  for (const band of formula.bands) {
    if (
      !whole(band.below) ||
      band.below < 1 ||
      band.below > 100 ||
      !whole(band.withholdPercent) ||
      band.withholdPercent > 100
    )
      throw invalid('INVALID_FORMULA', 'a band is {below: 1–100, withholdPercent: 0–100}, whole numbers');
    if (seen.has(band.below)) throw invalid('INVALID_FORMULA', `two bands start below ${band.below}`);
    seen.add(band.below);
  }
  const bands = [...formula.bands].sort((a, b) => b.below - a.below);
  // A lower score never keeps more of the fee than a higher one.
  for (let i = 1; i < bands.length; i++)
    if (bands[i].withholdPercent < bands[i - 1].withholdPercent)
      throw invalid('INVALID_FORMULA', 'a lower band must withhold at least as much as a higher one');
  return { weights: { survey, onTime, satisfaction }, bands };
}

/** A rate whose base is empty counts as whole: a period with no request had none handled late or badly. */
const rateOr1 = (n: number, d: number): Fraction => (d === 0 ? fraction(1, 1) : fraction(n, d));

export interface Assessment {
  score: Fraction;
  withholdPercent: number;
  withheldFen: bigint;
  payableFen: bigint;
}

/** Rule 37: the contract's formula over the SURVEY's item ratings and the period's requests, exact to the fen. */
export function assess(
  formula: AssessmentFormula,
  items: readonly ItemRating[],
  requests: Pick<RequestFigures, 'counted' | 'onTime' | 'rated' | 'satisfied'>,
  feeFen: bigint,
): Assessment {
  let itemSum = fraction(0, 1);
  for (const i of items) itemSum = add(itemSum, rateOr1(i.satisfiedHeads, i.participatedHeads));
  const survey = items.length === 0 ? fraction(1, 1) : fraction(itemSum.n, itemSum.d * BigInt(items.length));
  const score = add(
    add(
      times(survey, formula.weights.survey),
      times(rateOr1(requests.onTime, requests.counted), formula.weights.onTime),
    ),
    times(rateOr1(requests.satisfied, requests.rated), formula.weights.satisfaction),
  );
  // The lowest band the score is under decides; bands are checked highest first.
  let withholdPercent = 0;
  for (const band of [...formula.bands].sort((a, b) => b.below - a.below))
    if (below(score, fraction(band.below, 1))) withholdPercent = band.withholdPercent;
  // Rounded down to the fen: the company is never charged a fraction of a fen it was not assessed.
  const withheldFen = (feeFen * BigInt(withholdPercent)) / 100n;
  return { score, withholdPercent, withheldFen, payableFen: feeFen - withheldFen };
}

export const scoreText = (a: Assessment) => ({ score: text(a.score), points: decimal(a.score) });

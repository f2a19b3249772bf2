/**
 * Comparing a stated figure with a recomputed one (rules-reference §6).
 */
import { Decimal, HUNDRED, POW10, roundHalfUp, roundedScaledInteger, scaledInteger } from "./decimal";
import type { StatedNumber, StatedPercent } from "./parse";
import type { RateReading, ScoreExpectation } from "./scoring";

export type Verdict = "agree" | "rounding" | "accepted" | "disagree";

export interface RatioComparison {
  verdict: Verdict;
  /** The primary reading at the stated precision, e.g. "99.27%". */
  expected: string;
  formula: string;
  /** The reading the stated value matched, when it matched an accepted alternative. */
  matched?: RateReading;
}

/** Percent text of a ratio at `dp` decimals, half-up: 0.992714 → "99.27%". */
export function percentText(ratio: Decimal, dp: number): string {
  return `${roundHalfUp(ratio.mul(HUNDRED), dp).toFixed(dp)}%`;
}

/**
 * Compares a stated percentage with the accepted readings (primary first).
 * agree: the primary reading rounded half-up to the stated decimals equals the stated figure;
 * rounding: one unit of the last digit off (info); accepted: an alternative reading matches;
 * disagree: anything else. Throws: Error when `readings` is empty.
 */
export function compareRatio(stated: StatedPercent, readings: RateReading[]): RatioComparison {
  if (readings.length === 0) throw new Error("compareRatio needs at least one reading");
  const dp = stated.decimals;
  const primary = readings[0];
  const result = (verdict: Verdict, matched?: RateReading): RatioComparison =>
    new RatioResult(verdict, primary, dp, matched);
  const fast = ratioVerdictScaled(stated, readings);
  if (fast) return fast.matched ? result(fast.verdict, fast.matched) : result(fast.verdict);
  const statedPct = stated.ratio.mul(HUNDRED);
  const unit = new Decimal(1).div(new Decimal(10).pow(dp));
  const at = (r: Decimal) => roundHalfUp(r.mul(HUNDRED), dp);
  if (at(primary.ratio).eq(statedPct)) return result("agree");
  for (const alt of readings.slice(1)) {
    if (at(alt.ratio).eq(statedPct)) return result("accepted", alt);
  }
  if (at(primary.ratio).minus(statedPct).abs().lte(unit)) return result("rounding");
  return result("disagree");
}

/**
 * A RatioComparison whose expected text and formula are built only when the caller shows them (most
 * rates agree). A class, not an object literal with getters (which V8 builds on a slow path).
 */
class RatioResult implements RatioComparison {
  declare matched?: RateReading;
  constructor(
    readonly verdict: Verdict,
    private readonly primary: RateReading,
    private readonly dp: number,
    matched?: RateReading,
  ) {
    if (matched) this.matched = matched;
  }
  get expected(): string {
    return percentText(this.primary.ratio, this.dp);
  }
  get formula(): string {
    return this.primary.formula;
  }
}

/**
 * compareRatio's verdict on exact integers: the stated percent's scaled integer against each reading
 * rounded half-up to the stated decimals; null when a figure cannot be so read (the decimals decide).
 */
function ratioVerdictScaled(
  stated: StatedPercent,
  readings: RateReading[],
): { verdict: Verdict; matched?: RateReading } | null {
  const dp = stated.decimals;
  const s = stated.scaled;
  if (s === undefined || dp > 13) return null;
  const at: number[] = [];
  for (const r of readings) {
    const v = roundedScaledInteger(r.ratio, dp + 2);
    if (v === undefined) return null;
    at.push(v);
  }
  if (at[0] === s) return { verdict: "agree" };
  for (let i = 1; i < at.length; i++) if (at[i] === s) return { verdict: "accepted", matched: readings[i] };
  return { verdict: Math.abs(at[0] - s) <= 1 ? "rounding" : "disagree" };
}

export interface ScoreComparison {
  verdict: "agree" | "disagree";
  /** "9.93", or "16.00–20.00" for a band. */
  expected: string;
  /** stated − expected (nearest end of a band), 2 decimals. */
  diff: Decimal;
}

/** Score tolerance: 0.01 (truncation and half-even rounding both occur in the seeds). */
export const SCORE_TOLERANCE = new Decimal("0.01");

/**
 * Compares a stated score with an exact or banded expectation: agree within 0.01 of the exact value,
 * or inside the band widened by 0.01. Throws: Error for an `unknown` expectation.
 */
export function compareScore(stated: StatedNumber, exp: ScoreExpectation): ScoreComparison {
  if (exp.kind === "unknown") throw new Error("compareScore needs a known expectation");
  const s = stated.value;
  const verdict = scoreAgrees(stated, exp) ? "agree" : "disagree";
  if (exp.kind === "exact") return { verdict, expected: exp.value.toFixed(2), diff: s.minus(exp.value) };
  // A half-open band (部分达成 [60%, 80%)): its upper end itself belongs to the band above.
  const overTop = exp.maxExclusive ? s.gte(exp.max) : s.gt(exp.max.plus(SCORE_TOLERANCE));
  const diff = s.lt(exp.min) ? s.minus(exp.min) : overTop ? s.minus(exp.max) : new Decimal(0);
  return { verdict, expected: `${exp.min.toFixed(2)}–${exp.max.toFixed(2)}`, diff };
}

/**
 * Whether a stated score agrees with an exact or banded expectation, as `compareScore` decides it, with
 * exact decimals but without building the texts (profile inference asks this for every rule on every row).
 * Output: true for agree. Throws: Error for an `unknown` expectation.
 */
export function scoreAgrees(stated: StatedNumber, exp: ScoreExpectation): boolean {
  if (exp.kind === "unknown") throw new Error("scoreAgrees needs a known expectation");
  const fast = scoreAgreesScaled(stated, exp);
  if (fast !== undefined) return fast;
  const s = stated.value;
  if (exp.kind === "exact") return s.minus(exp.value).abs().lte(SCORE_TOLERANCE);
  const overTop = exp.maxExclusive ? s.gte(exp.max) : s.gt(exp.max.plus(SCORE_TOLERANCE));
  return s.gte(exp.min.minus(SCORE_TOLERANCE)) && !overTop;
}

/** A stated figure as an exact integer when known: its value is `scaled` / 10^`decimals` (decimals may be negative). */
export interface ScaledFigure {
  scaled?: number | undefined;
  decimals: number;
}

/** `f.scaled` × 10^(dp − f.decimals), or NaN when that is not an exact safe integer. */
function scaledAt(f: ScaledFigure, dp: number): number {
  const k = dp - f.decimals;
  if (f.scaled === undefined || k > 15) return NaN;
  const x = f.scaled * POW10[k];
  return Number.isSafeInteger(x) ? x : NaN;
}

/**
 * Whether total = Σ parts exactly, decided on integers (no decimal arithmetic): most stated totals agree,
 * and only a disagreement needs `compareSum`'s figures. Inputs: figures with their scaled integers
 * (`StatedNumber.scaled`). Output: true or false; null when some figure has no scaled integer or a step
 * would leave the safe integers (±2^53), so the caller decides with `compareSum`. Never throws.
 */
export function sumAgreesExactly(total: ScaledFigure, parts: readonly ScaledFigure[]): boolean | null {
  const d = scaledDifference(total, parts);
  return d && d.difference === 0;
}

/**
 * total − Σ parts on exact integers, at the finest decimals among them (`difference` / 10^`decimals`).
 * Output: null when some figure has no scaled integer or a step would leave the safe integers. Never throws.
 */
export function scaledDifference(
  total: ScaledFigure,
  parts: readonly ScaledFigure[],
): { difference: number; decimals: number } | null {
  let dp = total.decimals;
  for (const p of parts) if (p.decimals > dp) dp = p.decimals;
  const t = scaledAt(total, dp);
  if (Number.isNaN(t)) return null;
  let sum = 0;
  for (const p of parts) {
    sum += scaledAt(p, dp);
    if (!Number.isSafeInteger(sum)) return null;
  }
  const difference = t - sum;
  return Number.isSafeInteger(difference) ? { difference, decimals: dp } : null;
}

/**
 * Whether |total − Σ parts| ≤ 0.01 (the score tolerance), on exact integers; null when that cannot be so
 * decided (the caller then uses decimals). Never throws.
 */
export function sumWithinScoreTolerance(total: ScaledFigure, parts: readonly ScaledFigure[]): boolean | null {
  const d = scaledDifference(total, parts);
  if (!d) return null;
  if (d.decimals < 2) return d.difference === 0 ? true : null;
  if (d.decimals > 15) return null;
  return Math.abs(d.difference) <= POW10[d.decimals - 2];
}

/**
 * `scoreAgrees` on exact integers (the stated score's scaled integer, the expectation's at the same
 * decimals), or undefined when a figure has none: most expectations are rounded to 2 decimals.
 */
function scoreAgreesScaled(
  stated: StatedNumber,
  exp: Exclude<ScoreExpectation, { kind: "unknown" }>,
): boolean | undefined {
  const dp = Math.max(stated.decimals, 2);
  if (dp > 15) return undefined;
  const s = scaledAt(stated, dp);
  if (Number.isNaN(s)) return undefined;
  const tolerance = POW10[dp - 2];
  if (exp.kind === "exact") {
    const v = scaledInteger(exp.value, dp);
    return v === undefined ? undefined : Math.abs(s - v) <= tolerance;
  }
  const min = scaledInteger(exp.min, dp);
  const max = scaledInteger(exp.max, dp);
  if (min === undefined || max === undefined) return undefined;
  const overTop = exp.maxExclusive ? s >= max : s > max + tolerance;
  return s >= min - tolerance && !overTop;
}

export interface SumComparison {
  verdict: "agree" | "rounding" | "disagree";
  sum: Decimal;
  diff: Decimal;
  /** n × half a unit of the stated precision (舍位 band). */
  band: Decimal;
}

/**
 * Compares a stated total with the sum of its parts (rules-reference §4 舍位): equal → agree; within
 * n × half a unit of the total's last digit → rounding (info); beyond → disagree.
 */
export function compareSum(total: StatedNumber, parts: Decimal[]): SumComparison {
  const sum = parts.reduce((acc, p) => acc.plus(p), new Decimal(0));
  const diff = total.value.minus(sum);
  const halfUnit = new Decimal(1).div(new Decimal(10).pow(total.decimals)).div(2);
  const band = halfUnit.mul(Math.max(parts.length, 1));
  if (diff.isZero()) return { verdict: "agree", sum, diff, band };
  return { verdict: diff.abs().lte(band) ? "rounding" : "disagree", sum, diff, band };
}

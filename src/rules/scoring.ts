/**
 * The recomputations: 执行率, 预算执行得分, 完成率 and 指标得分 (rules-reference §2, §3).
 * Pure functions over decimals; the profile decides every choice the official text leaves open.
 */
import { Decimal, ONE, ZERO, roundHalfUp, truncate, plain } from "./decimal";
import { classifyAchievement, unitFactor, type Achievement, type Measure, type Operator } from "./parse";
import type { ScoringProfile } from "./profiles";

/** How an indicator row was judged: what A and B say, and whether the target was met. */
export type Evaluation =
  | {
      kind: "quantity";
      /** positive (≥, >), equal (= or none), reverse (≤, <: cost ceilings) */
      direction: "positive" | "equal" | "reverse";
      op: Operator;
      /** Target A and actual B, B converted to A's unit. */
      a: Decimal;
      b: Decimal;
      /** r = B / A; null when A is 0. */
      r: Decimal | null;
      met: boolean;
      unit: string;
      /**
       * Set when r is not B / A but the table's stated 完成率 (see `withStatedRate`): the text the
       * formulas show in place of "B / A", e.g. "118%".
       */
      ratioText?: string;
    }
  | { kind: "date"; met: boolean | null; targetText: string; actualText: string }
  | { kind: "qualitative"; achievement: Achievement; actualText: string }
  | { kind: "units-differ"; targetUnit: string; actualUnit: string }
  | { kind: "unknown"; reason: string };

function directionOf(op: Operator): "positive" | "equal" | "reverse" {
  if (op === "<=" || op === "<") return "reverse";
  if (op === "=") return "equal";
  return "positive";
}

function ymdText(n: number): string {
  const s = String(n);
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
}

/**
 * Judges one indicator row from its parsed target (A) and actual (B).
 * Output: an Evaluation. A quantity with a unit mismatch gives `units-differ` (a warning, no
 * recomputation). Never throws.
 */
export function evaluateIndicator(target: Measure, actual: Measure): Evaluation {
  if (target.kind === "empty" || target.kind === "unreadable") return { kind: "unknown", reason: "target-unreadable" };
  if (actual.kind === "empty") return { kind: "unknown", reason: "actual-empty" };
  if (actual.kind === "unreadable") return { kind: "unknown", reason: "actual-unreadable" };

  if (target.kind === "quantity" && actual.kind === "quantity") {
    const factor = unitFactor(target.unit, actual.unit);
    if (!factor) return { kind: "units-differ", targetUnit: target.unit, actualUnit: actual.unit };
    const a = target.value;
    // × 1 only rounds to the precision (40 digits): skipped for a figure of at most 5 limbs (≤ 35 digits).
    const b = factor === ONE && (actual.value.d?.length ?? 99) <= 5 ? actual.value : actual.value.mul(factor);
    const direction = directionOf(target.op);
    const r = a.isZero() ? null : b.div(a);
    let met: boolean;
    if (target.op === ">") met = b.gt(a);
    else if (target.op === "<") met = b.lt(a);
    else if (direction === "reverse") met = b.lte(a);
    else met = b.gte(a);
    return { kind: "quantity", direction, op: target.op, a, b, r, met, unit: target.unit || actual.unit };
  }

  // An actual of 0 against a deadline or a qualitative target: nothing was done (003's unexecuted projects).
  const zeroActual = actual.kind === "quantity" && actual.value.isZero();

  if (target.kind === "date") {
    if (zeroActual) return { kind: "date", met: false, targetText: ymdText(target.date.end), actualText: actual.text };
    if (actual.kind === "date") {
      // Met when the actual is on or before the deadline; a month-only actual is decided only when the
      // whole month is on one side of the deadline.
      const deadline = target.date.end;
      const met = actual.date.end <= deadline ? true : actual.date.start > deadline ? false : null;
      return { kind: "date", met, targetText: ymdText(deadline), actualText: ymdText(actual.date.end) };
    }
    if (actual.kind === "qualitative") {
      const ach = classifyAchievement(actual.text);
      return {
        kind: "date",
        met: ach === "achieved" ? true : ach === "not-achieved" ? false : null,
        targetText: ymdText(target.date.end),
        actualText: actual.text,
      };
    }
    return { kind: "unknown", reason: "date-vs-figure" };
  }

  if (target.kind === "qualitative") {
    const actualText = actual.text;
    let achievement = classifyAchievement(actualText, target.text);
    if (actual.kind === "quantity" && actual.unit === "%" && actual.value.eq(100)) achievement = "achieved";
    if (zeroActual) achievement = "not-achieved";
    return { kind: "qualitative", achievement, actualText };
  }

  // A figure target with a qualitative actual: judge the words (达到预期指标 → achieved).
  if (target.kind === "quantity" && actual.kind === "qualitative") {
    return { kind: "qualitative", achievement: classifyAchievement(actual.text, target.text), actualText: actual.text };
  }
  return { kind: "unknown", reason: "figure-vs-date" };
}

/** True when the evaluation says the target was met; null when it cannot tell. */
export function isMet(e: Evaluation): boolean | null {
  if (e.kind === "quantity") return e.met;
  if (e.kind === "date") return e.met;
  if (e.kind === "qualitative") return e.achievement === "achieved" ? true : e.achievement === "unknown" ? null : false;
  return null;
}

/**
 * Rounds a recomputed score to 2 decimals as the profile says. A score with at most 2 decimals is the
 * same under every rounding and is returned as it is, without reading the profile's rounding (profile
 * inference then knows the row cannot tell the roundings apart).
 */
export function roundScore(d: Decimal, profile: ScoringProfile): Decimal {
  if (d.decimalPlaces() <= 2) return d;
  return profile.rounding === "truncate" ? truncate(d, 2) : roundHalfUp(d, 2);
}

export type ScoreExpectation =
  | { kind: "exact"; value: Decimal; formula: string; basis: ScoringBasis }
  | {
      kind: "band";
      min: Decimal;
      max: Decimal;
      /** The band excludes its upper end (部分达成 [60%, 80%), 未达成 [0, 60%)): a score of `max` is the next band's. */
      maxExclusive?: boolean;
      formula: string;
      basis: ScoringBasis;
    }
  | { kind: "unknown"; reason: string };

/** Which rule produced an expectation: the row's stated 赋分规则 or the profile. */
export type ScoringBasis = "direct" | "graded" | "satisfaction" | "proportional";

// The formula texts below are made when first read: inference tries every rule on every row and shows
// one. They are getters on small classes, not on object literals: V8 builds an object literal with a
// getter on a slow path (about 1 µs each, some thirty times a plain object), and a validation builds
// tens of thousands of these.

/** A score before rounding, with its formula. */
class Scored {
  constructor(
    readonly value: Decimal,
    private readonly formulaText: () => string,
  ) {}
  get formula(): string {
    return this.formulaText();
  }
}

/** An exact expected score (ScoreExpectation `exact`). */
class ExactScore {
  readonly kind = "exact" as const;
  constructor(
    readonly value: Decimal,
    private readonly formulaText: () => string,
    readonly basis: ScoringBasis,
  ) {}
  get formula(): string {
    return this.formulaText();
  }
}

/** A banded expected score (ScoreExpectation `band`); `maxExclusive` is set only for a half-open band. */
class BandScore {
  readonly kind = "band" as const;
  declare maxExclusive?: boolean;
  constructor(
    readonly min: Decimal,
    readonly max: Decimal,
    open: boolean,
    private readonly formulaText: () => string,
    readonly basis: ScoringBasis,
  ) {
    if (open) this.maxExclusive = true;
  }
  get formula(): string {
    return this.formulaText();
  }
}

/** A reading of 完成率 (RateReading) whose formula is made when first read. */
class LazyReading {
  constructor(
    readonly ratio: Decimal,
    private readonly formulaText: () => string,
    readonly reading: RateReading["reading"],
  ) {}
  get formula(): string {
    return this.formulaText();
  }
}

/** Reads the 赋分规则 cell (2024 layout) into the rule it overrides the profile with. */
export function scoringBasisOf(text: string | undefined): ScoringBasis {
  if (!text) return "proportional";
  let basis = BASES.get(text);
  if (basis === undefined) {
    const t = text.replace(/\s+/g, "");
    basis = /直接赋分/.test(t)
      ? "direct"
      : /评判等级|等级赋分|定性/.test(t)
        ? "graded"
        : /满意度赋分/.test(t)
          ? "satisfaction"
          : "proportional";
    // Every row of a table states one of a few rule texts: remembered (bounded, as normalizeUnit's units).
    if (BASES.size < 4096) BASES.set(text, basis);
  }
  return basis;
}

/** scoringBasisOf by 赋分规则 text. */
const BASES = new Map<string, ScoringBasis>();

function f(d: Decimal): string {
  return plain(d);
}

/**
 * A qualitative band of W. The bands are half-open as 财预〔2020〕10号 writes them: 达成 [80%, 100%],
 * 部分达成 [60%, 80%), 未达成 [0, 60%) — only the top band includes its upper end.
 */
function band(w: Decimal, share: [number, number], profile: ScoringProfile, label: string): ScoreExpectation {
  const min = roundScore(w.mul(share[0]), profile);
  const max = roundScore(w.mul(share[1]), profile);
  const open = share[1] < 1;
  return new BandScore(
    min,
    max,
    open,
    () =>
      `${label}：${f(w)} × [${share[0] * 100}%, ${share[1] * 100}%${open ? ")" : "]"} = ${min.toFixed(2)}–${max.toFixed(2)}`,
    "graded",
  );
}

function qualitativeExpectation(w: Decimal, ach: Achievement, profile: ScoringProfile): ScoreExpectation {
  const b = profile.qualitativeBands;
  if (ach === "achieved") return band(w, b.achieved, profile, "达成");
  if (ach === "partial") return band(w, b.partial, profile, "部分达成");
  if (ach === "not-achieved") return band(w, b.notAchieved, profile, "未达成");
  return { kind: "unknown", reason: "qualitative-unknown" };
}

function opSymbol(op: Operator): string {
  return op === ">=" ? "≥" : op === "<=" ? "≤" : op;
}

/** "业绩值 100% ≥ 目标值 95%": the actual and the target with their labels and unit, for a note. */
function measured(b: Decimal, a: Decimal, op: string, unit: string): string {
  return `业绩值 ${f(b)}${unit} ${op} 目标值 ${f(a)}${unit}`;
}

/** Score of a positive/equal quantity row (or a reverse row scored as positive) from r = B / A. */
function fromRatio(
  w: Decimal,
  a: Decimal,
  b: Decimal,
  r: Decimal,
  met: boolean,
  profile: ScoringProfile,
  ratioText?: string,
  unit = "",
): { value: Decimal; formula: string } {
  // The formula texts are built only when read: inference tries every rule on every row.
  const rt = () => ratioText ?? `${f(b)} / ${f(a)}`;
  const full = () =>
    ratioText ? `完成率 ${ratioText} ≥ 100%，达成 → ${f(w)}` : `${measured(b, a, "≥", unit)}，达成 → ${f(w)}`;
  if (r.gt(ONE)) {
    const rule = profile.aboveTarget;
    if (rule.kind === "deviation-penalty") {
      const v = Decimal.max(ZERO, new Decimal(2).minus(r)).mul(w);
      return new Scored(v, () => {
        return `${f(w)} × max(0, 2 − ${rt()})`;
      });
    }
    return new Scored(w, () => {
      return full();
    });
  }
  if (met || r.gte(ONE))
    return new Scored(w, () => {
      return full();
    });
  const rule = profile.belowTarget;
  if (rule.kind === "threshold") {
    const floor = new Decimal(rule.floor);
    const v = Decimal.max(ZERO, r.minus(floor).div(ONE.minus(floor))).mul(w);
    return new Scored(v, () => {
      return `${f(w)} × max(0, (${rt()} − ${f(floor)}) / ${f(ONE.minus(floor))})`;
    });
  }
  return new Scored(w.mul(r), () => {
    return `${f(w)} × ${rt()}`;
  });
}

/**
 * The row re-read with r taken from its stated 完成率 instead of B / A: some systems score from the
 * completion rate as displayed (118% for 1047 / 883 = 118.57%, then 10 × (2 − 1.18) = 8.2).
 * Inputs: the row's evaluation and the stated rate (1 = 100%) with its text. Output: the evaluation with
 * r replaced, or null when the row is not a quantity row or the stated rate equals B / A.
 */
export function withStatedRate(e: Evaluation, ratio: Decimal, text: string): Evaluation | null {
  if (e.kind !== "quantity" || !e.r || e.r.eq(ratio)) return null;
  return { ...e, r: ratio, ratioText: text };
}

/**
 * The expected 指标得分 of one row.
 * Inputs: weight W (points), the row's Evaluation, its stated 赋分规则 text (overrides the profile for the
 * row: 直接赋分 all-or-nothing, 按评判等级赋分 bands, 满意度赋分 met → W), and the profile.
 * Output: an exact score (rounded to 2 decimals per the profile), a band [min, max] for graded rows,
 * or `unknown` with a reason. Never throws.
 * Source: 财预〔2020〕10号 (article numbers not verified, so none cited) and the budgeting-system coding in rules-reference §2.
 */
export function expectedIndicatorScore(
  weight: Decimal,
  e: Evaluation,
  scoringRule: string | undefined,
  profile: ScoringProfile,
): ScoreExpectation {
  const w = weight;
  const basis = scoringBasisOf(scoringRule);
  if (e.kind === "unknown") return { kind: "unknown", reason: e.reason };
  if (e.kind === "units-differ") return { kind: "unknown", reason: "units-differ" };
  const met = isMet(e);

  if (basis === "direct") {
    if (met === null) return { kind: "unknown", reason: "met-unknown" };
    return new ExactScore(
      met ? w : ZERO,
      () => {
        return met ? `直接赋分：达成 → ${f(w)}` : `直接赋分：未达成 → 0`;
      },
      basis,
    );
  }
  if (basis === "graded") {
    if (e.kind === "qualitative") return qualitativeExpectation(w, e.achievement, profile);
    if (met === null) return { kind: "unknown", reason: "met-unknown" };
    if (met) return band(w, profile.qualitativeBands.achieved, profile, "达成");
    return band(
      w,
      [profile.qualitativeBands.notAchieved[0], profile.qualitativeBands.partial[1]],
      profile,
      "未完全达成",
    );
  }
  if (basis === "satisfaction" && met === true) {
    return new ExactScore(
      w,
      () => {
        return `满意度赋分：达成 → ${f(w)}`;
      },
      basis,
    );
  }

  if (e.kind === "qualitative") return qualitativeExpectation(w, e.achievement, profile);
  if (e.kind === "date") {
    if (e.met === null) return { kind: "unknown", reason: "met-unknown" };
    return new ExactScore(
      e.met ? w : ZERO,
      () => {
        return e.met ? `${e.actualText} 不晚于 ${e.targetText} → ${f(w)}` : `${e.actualText} 晚于 ${e.targetText} → 0`;
      },
      basis,
    );
  }

  // Quantity rows.
  const { a, b, r, direction } = e;
  if (direction === "reverse") {
    const rule = profile.reverse;
    if (rule.kind === "as-positive" && r) {
      return rounded(fromRatio(w, a, b, r, r.gte(ONE), profile, e.ratioText, e.unit), profile, basis);
    }
    if (e.met) {
      return new ExactScore(
        w,
        () => {
          return `${measured(b, a, opSymbol(e.op), e.unit)}，达成 → ${f(w)}`;
        },
        basis,
      );
    }
    if (a.isZero() || !r)
      return new ExactScore(
        ZERO,
        () => {
          return `业绩值 ${f(b)}${e.unit} 超出目标值 ${f(a)}${e.unit} → 0`;
        },
        basis,
      );
    if (rule.kind === "inverse-ratio") {
      return new ExactScore(
        roundScore(w.div(r), profile),
        () => {
          return e.ratioText ? `${f(w)} / ${e.ratioText}` : `${f(w)} × ${f(a)} / ${f(b)}`;
        },
        basis,
      );
    }
    const rt = () => e.ratioText ?? `${f(b)} / ${f(a)}`;
    if (r.gte(2))
      return new ExactScore(
        ZERO,
        () => {
          return `${rt()} ≥ 2 → 0`;
        },
        basis,
      );
    return new ExactScore(
      roundScore(new Decimal(2).minus(r).mul(w), profile),
      () => {
        return `(2 − ${rt()}) × ${f(w)}`;
      },
      basis,
    );
  }
  if (!r) {
    // A = 0: met when B ≥ 0 (positive) — nothing to divide by.
    return new ExactScore(
      e.met ? w : ZERO,
      () => {
        return e.met ? `目标值为 0，达成 → ${f(w)}` : `未达成 → 0`;
      },
      basis,
    );
  }
  return rounded(fromRatio(w, a, b, r, e.met, profile, e.ratioText, e.unit), profile, basis);
}

/**
 * An exact expectation from an unrounded score: the value rounded as the profile says, the formula read
 * from `x` only when shown. Input: the score and its formula, the profile, the basis.
 */
export function rounded(
  x: { value: Decimal; formula: string },
  profile: ScoringProfile,
  basis: ScoringBasis,
): ScoreExpectation {
  return new ExactScore(
    roundScore(x.value, profile),
    () => {
      return x.formula;
    },
    basis,
  );
}

/** One accepted reading of 完成率. */
export interface RateReading {
  ratio: Decimal;
  formula: string;
  /** "primary": the rule's own figure; "capped"/"met": accepted alternatives (rules-reference §2 identity 6). */
  reading: "primary" | "capped" | "met";
}

/**
 * The accepted 完成率 values of one row (2024 layout).
 * Quantity rows: B / A (uncapped); a positive row over target may also state a capped 100% (info);
 * a reverse row may state 100% when its ceiling is met. Deadlines and qualitative rows: 100% when met,
 * 0% when a deadline is missed. Output: the readings, primary first; empty when nothing can be recomputed.
 */
export function completionRateReadings(e: Evaluation): RateReading[] {
  if (e.kind === "quantity") {
    if (!e.r)
      return e.met
        ? [
            {
              ratio: ONE,
              formula: `目标值为 0，达成 → 100%`,
              reading: "primary",
            },
          ]
        : [];
    const out: RateReading[] = [
      new LazyReading(
        e.r,
        () => {
          return `${f(e.b)} / ${f(e.a)}`;
        },
        "primary",
      ),
    ];
    if (e.direction !== "reverse" && e.r.gt(ONE))
      out.push({
        ratio: ONE,
        formula: `达成，按 100% 封顶`,
        reading: "capped",
      });
    if (e.direction === "reverse" && e.met)
      out.push(
        new LazyReading(
          ONE,
          () => {
            return `${measured(e.b, e.a, "≤", e.unit)}，达成 → 100%`;
          },
          "met",
        ),
      );
    return out;
  }
  if (e.kind === "date") {
    if (e.met === null) return [];
    return [
      new LazyReading(
        e.met ? ONE : ZERO,
        () => {
          return e.met ? `${e.actualText} 不晚于 ${e.targetText} → 100%` : `${e.actualText} 晚于 ${e.targetText} → 0%`;
        },
        "primary",
      ),
    ];
  }
  if (e.kind === "qualitative" && e.achievement === "achieved") {
    return [
      {
        ratio: ONE,
        formula: `达成 → 100%`,
        reading: "primary",
      },
    ];
  }
  return [];
}

/**
 * 执行率 = 全年执行数 / 全年预算数 (rules-reference §2 identity 1, §3).
 * Inputs: amounts in 万元. Output: the ratio (1 = 100%), or null when 全年预算数 is 0.
 */
export function executionRate(budgetFull: Decimal, executed: Decimal): Decimal | null {
  if (budgetFull.isZero()) return null;
  return executed.div(budgetFull);
}

/**
 * 预算执行得分 under the profile's budget-execution rule.
 * Inputs: 分值 (points), 全年预算数 and 全年执行数 (万元). Output: the exact score (before rounding) and
 * the formula with the real numbers, or null when 全年预算数 is 0.
 * Source: no official formula; national practice 分值 × min(执行率, 100%) (rules-reference §2).
 */
export function budgetExecutionScore(
  points: Decimal,
  budgetFull: Decimal,
  executed: Decimal,
  profile: ScoringProfile,
  decimals = 2,
): { value: Decimal; formula: string } | null {
  const r = executionRate(budgetFull, executed);
  if (!r) return null;
  return budgetScoreForRate(
    points,
    r,
    () => `执行数 ${executed.toFixed(decimals)} / 预算数 ${budgetFull.toFixed(decimals)}`,
    profile,
  );
}

/**
 * 预算执行得分 from a given 执行率 (the computed one, or the rate as the table states it).
 * Inputs: 分值 (points), r (1 = 100%), the text the formula shows for r (or a function giving it), and
 * the profile.
 * Output: the exact score (before rounding) and its formula; the formula text is built when it is first
 * read (inference tries every rule and shows only one). Never throws.
 */
export function budgetScoreForRate(
  points: Decimal,
  r: Decimal,
  rText: string | (() => string),
  profile: ScoringProfile,
): { value: Decimal; formula: string } {
  const text = typeof rText === "string" ? () => rText : rText;
  const rule = profile.budgetExecution;
  const capped = Decimal.min(r, ONE);
  if (rule.kind === "full-at-or-above" && r.gte(rule.threshold)) {
    return new Scored(points, () => {
      return `执行率 ${text()} ≥ ${rule.threshold * 100}% → ${f(points)}`;
    });
  }
  if (rule.kind === "threshold") {
    const floor = new Decimal(rule.floor);
    const v = Decimal.max(ZERO, capped.minus(floor).div(ONE.minus(floor))).mul(points);
    return new Scored(v, () => {
      return `分值 ${f(points)} × max(0, (min(1, ${text()}) − ${f(floor)}) / ${f(ONE.minus(floor))})`;
    });
  }
  if (r.gte(ONE))
    return new Scored(points, () => {
      return `分值 ${f(points)} × min(1, ${text()}) = ${f(points)}`;
    });
  return new Scored(points.mul(r), () => {
    return `分值 ${f(points)} × ${text()}`;
  });
}

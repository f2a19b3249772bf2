/**
 * The recomputations behind the DC.* custom functions and the recomputed columns, over raw cell contents
 * as Excel passes them to a custom function (a number, or text such as ">=13套", "=624.9万元", "2025年5月",
 * "99.27%"); an empty cell counts as empty. Pure: no Office, no custom-functions runtime. The custom
 * functions (src/functions/functions.ts) wrap these and turn a RecomputeError into #VALUE! with its
 * message; the recomputed columns (src/tables/columns.ts, the CLI's values) call them directly.
 * Input that cannot be read, or a row that cannot be recomputed, throws RecomputeError saying why, in
 * Chinese and English, never a wrong number.
 */
import { compareScore } from "./compare";
import { unknownReason } from "./checks/indicator";
import { Decimal } from "./decimal";
import { parseAmount, parseMeasure, parsePercent, parseScore, type CellInput, type Measure } from "./parse";
import { NATIONAL, PROFILES, profileFromId, type ScoringProfile } from "./profiles";
import {
  budgetExecutionScore,
  completionRateReadings,
  evaluateIndicator,
  executionRate,
  expectedIndicatorScore,
  roundScore,
  type Evaluation,
} from "./scoring";
import type { CellValue } from "./types";

/** Why a recomputation cannot give a number: the reason in Chinese (`message`) and English. */
export class RecomputeError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(zh);
    this.name = "RecomputeError";
  }
}

function recomputeError(zh: string, en: string): RecomputeError {
  return new RecomputeError(zh, en);
}

/**
 * A result as Excel's number, or #VALUE! when it is beyond a double (1/5e-324 and the like): a cell
 * never shows ±Infinity. Found by the property tests (test/tables/hostile.test.ts).
 */
function finite(d: Decimal): number {
  const n = d.toNumber();
  if (!Number.isFinite(n))
    throw recomputeError(
      `结果超出 Excel 数值范围。`,
      `The result is beyond Excel's number range: ${d.toExponential(3)}.`,
    );
  return n;
}

/** A raw argument as the parsers' cell input; null, undefined and "" are empty. */
function cellOf(v: unknown): CellInput {
  if (v === null || v === undefined) return { value: null, text: "" };
  if (typeof v === "number") return Number.isFinite(v) ? { value: v, text: String(v) } : { value: null, text: "#NUM!" };
  if (typeof v === "boolean") return { value: v, text: v ? "TRUE" : "FALSE" };
  if (Array.isArray(v)) throw recomputeError("需要单个单元格，而不是区域。", "Expected one cell, not a range.");
  const text = String(v as CellValue);
  return { value: text, text };
}

function shownArg(v: unknown): string {
  return v === null || v === undefined ? "" : String(v);
}

function number(v: unknown, kind: "amount" | "score", what: string, whatEn: string): Decimal {
  const r = kind === "amount" ? parseAmount(cellOf(v)) : parseScore(cellOf(v));
  if (r.kind === "number") return r.value;
  if (r.kind === "empty") throw recomputeError(`${what}为空。`, `The ${whatEn} is empty.`);
  throw recomputeError(`无法读取${what}「${shownArg(v)}」。`, `Cannot read the ${whatEn} "${shownArg(v)}".`);
}

function profileOf(id: unknown): ScoringProfile {
  const s = id === null || id === undefined || id === 0 ? "" : String(id).trim();
  if (s === "") return NATIONAL;
  try {
    return profileFromId(s);
  } catch (e) {
    throw recomputeError(
      `未知的评分口径「${s}」。可用：${Object.keys(PROFILES).join("、")}，或加 -strict、+规则=选项。`,
      `Unknown scoring profile "${s}". ${(e as Error).message}`,
    );
  }
}

/** A year written in a raw argument ("2025年5月" → 2025), for the other side's date without one. */
function yearIn(v: unknown): number | undefined {
  const m = typeof v === "string" ? /((?:19|20)\d{2})\s*年/.exec(v) : null;
  return m ? Number(m[1]) : undefined;
}

/** A year for dates written without one on both sides ("6月30日之前" against "6月2日"): any one year will do. */
const SAME_YEAR = 2000;

/** The ratio a percent-formatted cell passes (0.977 for a cell showing 97.7%) as the percent it shows. */
function asPercent(v: number): CellInput {
  const text = `${new Decimal(v).mul(100).toFixed()}%`;
  return { value: text, text };
}

/**
 * Target and actual as the table shows them. A custom function receives a cell's value, not its format:
 * a cell showing 97.7% arrives as 0.977. The inserted columns pass such cells as TEXT(cell, format); in
 * a formula typed by hand, a bare number is read as the percent its cell shows when the other side is a
 * percentage. A date without a year takes the other side's year.
 */
function measures(target: unknown, actual: unknown): [Measure, Measure] {
  let t = parseMeasure(cellOf(target), yearIn(actual) ?? SAME_YEAR);
  let a = parseMeasure(cellOf(actual), yearIn(target) ?? SAME_YEAR);
  const isPct = (m: Measure) => m.kind === "quantity" && m.unit === "%";
  if (typeof actual === "number" && isPct(t)) a = parseMeasure(asPercent(actual));
  if (typeof target === "number" && isPct(a)) t = parseMeasure(asPercent(target));
  return [t, a];
}

/** The row judged from its raw target and actual; #VALUE! when they cannot be compared. */
function evaluation(target: unknown, actual: unknown): Evaluation {
  const e = evaluateIndicator(...measures(target, actual));
  if (e.kind === "units-differ")
    throw recomputeError(
      `目标值单位「${e.targetUnit}」与业绩值单位「${e.actualUnit}」不同。`,
      `Target and actual use different units ("${e.targetUnit}", "${e.actualUnit}").`,
    );
  if (e.kind === "unknown") {
    const why = unknownReason(e.reason);
    throw recomputeError(`无法复核：${why.zh}。`, `Cannot recompute: ${why.en}.`);
  }
  return e;
}

/**
 * Inputs: 全年预算数 and 全年执行数 in 万元 (numbers or text such as "624.9万元"). Output: the ratio
 * (1 = 100%), unrounded. Throws RecomputeError (#VALUE! in Excel) for an empty or unreadable amount, or a 全年预算数 of 0.
 * Source: rules-reference §2 identity 1.
 */
export function executionRateOf(budget: unknown, executed: unknown): number {
  const b = number(budget, "amount", "全年预算数", "full-year budget");
  const x = number(executed, "amount", "全年执行数", "amount executed");
  const r = executionRate(b, x);
  if (!r) throw recomputeError("全年预算数为 0，无法计算执行率。", "The full-year budget is 0.");
  return finite(r);
}

/**
 * Inputs: 分值 (points), 全年预算数 and 全年执行数 (万元), and a profile id (default "national"; also
 * derived ids such as "national+aboveTarget=deviation-penalty"). Output: the score rounded to 2 decimals
 * as the profile says. Throws RecomputeError (#VALUE! in Excel) for unreadable input, a budget of 0 or an unknown profile.
 * Source: rules-reference §2 (national practice 分值 × min(执行率, 100%)); the profile's budget rule.
 */
export function budgetScoreOf(points: unknown, budget: unknown, executed: unknown, profile?: unknown): number {
  const p = number(points, "score", "分值", "points");
  const b = number(budget, "amount", "全年预算数", "full-year budget");
  const x = number(executed, "amount", "全年执行数", "amount executed");
  const prof = profileOf(profile);
  const s = budgetExecutionScore(p, b, x, prof);
  if (!s) throw recomputeError("全年预算数为 0，无法计算预算执行得分。", "The full-year budget is 0.");
  return finite(roundScore(s.value, prof));
}

/**
 * Inputs: the target and the actual as the table states them (">=13套", "≤5%", "2025年5月", "达到预期").
 * Output: the primary reading of 完成率 as a ratio (1 = 100%), unrounded: B / A for figures, 100% or 0%
 * for a deadline met or missed, 100% for a qualitative target achieved. Throws RecomputeError (#VALUE! in Excel) when the row
 * cannot be recomputed (unreadable, different units, words that do not say whether it was met).
 * Source: rules-reference §2 identity 6.
 */
export function completionRateOf(target: unknown, actual: unknown): number {
  const readings = completionRateReadings(evaluation(target, actual));
  if (readings.length === 0)
    throw recomputeError("无法从业绩值判断完成率。", "The actual does not give a completion rate.");
  return finite(readings[0].ratio);
}

/**
 * Inputs: the 权重 (points), the target and the actual as stated, the row's 赋分规则 text (直接赋分,
 * 按评判等级赋分, 满意度赋分 override the profile; empty or 按照完成比例赋分 follow it), and a profile
 * id (default "national"), and optionally the stated score. Output: the score rounded to 2 decimals as the
 * profile says; for a graded row the stated score when it lies in the accepted band (else the band's
 * nearer end), or without a stated score the band as text, e.g. "8.00–10.00". Throws RecomputeError (#VALUE! in Excel) when the
 * row cannot be recomputed.
 * Source: 财预〔2020〕10号; rules-reference §2 "Scoring".
 */
export function scoreOf(
  weight: unknown,
  target: unknown,
  actual: unknown,
  scoringRule?: unknown,
  profile?: unknown,
  stated?: unknown,
): number | string {
  const w = number(weight, "score", "权重", "weight");
  const e = evaluation(target, actual);
  const rule = typeof scoringRule === "string" ? scoringRule : "";
  const exp = expectedIndicatorScore(w, e, rule, profileOf(profile));
  if (exp.kind === "unknown") {
    const why = unknownReason(exp.reason);
    throw recomputeError(`无法复核：${why.zh}。`, `Cannot recompute: ${why.en}.`);
  }
  if (exp.kind === "band") {
    // A graded row with its stated score: that score where it lies in the band, else the band's nearer
    // end, so that a sum of the column (复核总分) counts the row.
    const s = stated === undefined || stated === null || stated === "" ? null : parseScore(cellOf(stated));
    if (s && s.kind === "number") {
      const c = compareScore(s, exp);
      return finite(c.verdict === "agree" ? s.value : s.value.minus(c.diff));
    }
    return `${exp.min.toFixed(2)}–${exp.max.toFixed(2)}`;
  }
  return finite(exp.value);
}

/** A band "8.00–10.00" (as SCORE returns it) as [min, max], or null. */
function bandOf(v: unknown): [Decimal, Decimal] | null {
  if (typeof v !== "string") return null;
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*[–—~-]\s*(-?\d+(?:\.\d+)?)\s*$/.exec(v);
  return m ? [new Decimal(m[1]), new Decimal(m[2])] : null;
}

/**
 * Inputs: the stated figure (a score, or a rate such as "99.27%") and the recomputed one (a number, or a
 * band "8.00–10.00" as SCORE returns it). A stated percent is compared as a ratio. Output: stated −
 * expected; for a band, 0 inside it and the distance to its nearer end outside. Throws RecomputeError (#VALUE! in Excel) when
 * either side is empty or unreadable.
 * Source: the comparison of rules-reference §6 (the validator adds its tolerances on top).
 */
export function checkOf(stated: unknown, expected: unknown): number {
  const band = bandOf(expected);
  const percentStated = typeof stated === "string" && /[%％]/.test(stated);
  let s: Decimal;
  if (percentStated) {
    const r = parsePercent(cellOf(stated));
    if (r.kind !== "percent")
      throw recomputeError(`无法读取表列数「${shownArg(stated)}」。`, `Cannot read the stated "${shownArg(stated)}".`);
    s = r.ratio;
  } else s = number(stated, "score", "表列数", "stated figure");
  if (band) {
    const c = compareScore(
      { kind: "number", value: s, decimals: 2 },
      {
        kind: "band",
        min: band[0],
        max: band[1],
        formula: "",
        basis: "graded",
      },
    );
    return finite(c.diff);
  }
  const x = number(expected, "score", "复核数", "recomputed figure");
  return finite(s.minus(x));
}

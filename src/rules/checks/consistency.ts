/**
 * Cross-checks an auditor expects beyond the arithmetic (issue "Scoring profiles", item 4):
 * money not spent while every output is reported as met, and far over-achieved targets left unexplained.
 */
import { ONE, ZERO, Decimal, fixed } from "../decimal";
import { percentText } from "../compare";
import { isPlaceholder } from "../parse";
import { quietAmount, quietPercent, quietScore, rowContexts } from "../rows";
import { executionRate, isMet, type Evaluation } from "../scoring";
import type { IndicatorRow } from "../types";
import { say } from "../messages";
import { counted, report, shown, type Check } from "./common";

/** The notes of the cross-checks, by id. */
export const MESSAGES = {
  unspentMet: {
    zh: "复核：全年执行数为 0（{formula}），但 {outputs} 项产出指标全部填报为达成。请核实产出是否真实完成。",
    en: "Check: nothing was spent ({formula}), yet all {outputs} output indicators are reported as met. Verify that the outputs were delivered.",
  },
  lowExecutionMet: {
    zh: "复核：执行率仅 {rate}（{formula}），但 {outputs} 项产出指标全部填报为达成。请核实产出是否真实完成。",
    en: "Check: the execution rate is only {rate} ({formula}), yet all {outputs} output indicators are reported as met. Verify that the outputs were delivered.",
  },
  overNoNote: {
    zh: "复核：「{indicator}」完成率 {rate}（= {formula}），超出目标 {threshold} 以上，但未填写偏差原因分析及改进措施。",
    en: 'Check: "{indicator}" is at {rate} (= {formula}), {threshold} or more of its target, but gives no deviation analysis.',
  },
  overReview: {
    zh: "复核：「{indicator}」完成率 {rate}（= {formula}），达到 {threshold}，按所选口径须复核目标值设定是否偏低。",
    en: 'Check: "{indicator}" is at {rate} (= {formula}), at or above {threshold}; the selected rule asks to review whether the target was set too low.',
  },
  overReviewNoNote: {
    zh: "复核：「{indicator}」完成率 {rate}（= {formula}），达到 {threshold}，按所选口径须复核目标值设定是否偏低，且未填写偏差原因。",
    en: 'Check: "{indicator}" is at {rate} (= {formula}), at or above {threshold}; the selected rule asks to review whether the target was set too low, and no deviation note is given.',
  },
  reverseScoredAsPositive: {
    zh: "复核：「{indicator}」为反向指标（{target}），实际 {actual} 已达成（{formula}），却只得 {stated}（权重 {weight}）：按正向指标以 B / A 计分，节约反而失分。完成指标值的应记全部分值。",
    en: 'Check: "{indicator}" is a ceiling ({target}) met by {actual} ({formula}), yet it scores {stated} of {weight}: scored as a positive row (B / A), spending less loses points. A met target scores its full weight.',
  },
} as const;

/** Below this 执行率 the money was mostly not spent (the threshold-60 floor of rules-reference §2). */
export const LOW_EXECUTION = new Decimal("0.6");
/**
 * r at or above which a positive row is "far over target" (rules-reference §2, budgeting-system coding),
 * when the profile does not set its own (`overAchievementAt`, e.g. 1.3 in some provinces).
 */
export const OVER_ACHIEVEMENT = new Decimal("1.2");

/**
 * True when an 产出 row is reported as met: its stated actual meets its target; when that cannot be
 * judged, its score equals its weight, or (no score) its 完成率 ≥ 100%. Null when nothing says.
 */
function reportedMet(row: IndicatorRow, e: Evaluation): boolean | null {
  const met = isMet(e);
  if (met !== null) return met;
  const weight = quietScore(row.weight);
  const score = quietScore(row.score);
  if (weight && score) return score.value.gte(weight.value);
  const rate = quietPercent(row.completionRate);
  if (rate) return rate.ratio.gte(ONE);
  return null;
}

/** table.execution-vs-output — 全年执行数 0 or 执行率 < 60% while every 产出 indicator is reported as met. */
export const executionVsOutputCheck: Check = {
  id: "table.execution-vs-output",
  evaluate(t, ctx) {
    const total = t.fund?.total;
    const executedCell = total?.executed;
    const executed = quietAmount(executedCell);
    const budget = quietAmount(total?.budgetFull);
    if (!executedCell || !executed) return;
    const outputs = rowContexts(t).filter(({ row }) => /产出/.test(row.level1));
    const verdicts = outputs.map(({ row, e }) => reportedMet(row, e)).filter((v): v is boolean => v !== null);
    if (verdicts.length === 0) return;
    counted(ctx, executedCell);
    const rate = budget ? executionRate(budget.value, executed.value) : null;
    const unspent = executed.value.eq(ZERO);
    const low = !!rate && rate.lt(LOW_EXECUTION);
    if (!(unspent || low) || verdicts.some((v) => !v)) return;
    const rateText = rate ? percentText(rate, 2) : "—";
    const formula = budget
      ? `${fixed(executed.value, executed.decimals)} / ${fixed(budget.value, budget.decimals)} = ${rateText}`
      : fixed(executed.value, executed.decimals);
    report(ctx, "table.execution-vs-output", "warning", executedCell, {
      expected: "",
      formula,
      ...say(MESSAGES, unspent ? "unspentMet" : "lowExecutionMet", {
        rate: rateText,
        formula,
        outputs: verdicts.length,
      }),
    });
  },
};

/**
 * indicator.over-achievement — r ≥ 120% on a positive (≥, >, =) row with 偏差原因 empty. Under a profile
 * with `cap-review`, every row at or above its review ratio gets the warning, note or not.
 */
export const overAchievementCheck: Check = {
  id: "indicator.over-achievement",
  evaluate(t, ctx) {
    const rule = ctx.profile.aboveTarget;
    const review = rule.kind === "cap-review";
    const at = review
      ? new Decimal(rule.reviewAt)
      : ctx.profile.overAchievementAt
        ? new Decimal(ctx.profile.overAchievementAt)
        : OVER_ACHIEVEMENT;
    for (const { row, e } of rowContexts(t)) {
      if (e.kind !== "quantity" || e.direction === "reverse" || !e.r || !row.actual) continue;
      const noteEmpty = !!row.deviationNote && isPlaceholder(shown(row.deviationNote));
      if (!review && !row.deviationNote) continue; // no 偏差原因 column: nothing to say about it
      counted(ctx, row.actual);
      if (e.r.lt(at) || (!review && !noteEmpty)) continue;
      const r = percentText(e.r, 2);
      const formula = `${e.b.toFixed()} / ${e.a.toFixed()} = ${r}`;
      const atText = percentText(at, 0);
      report(ctx, "indicator.over-achievement", "warning", row.actual, {
        expected: `< ${atText}`,
        formula,
        ...say(MESSAGES, review ? (noteEmpty ? "overReviewNoNote" : "overReview") : "overNoNote", {
          indicator: row.name,
          rate: r,
          formula,
          threshold: atText,
        }),
      });
    }
  },
};

/**
 * indicator.reverse-as-positive — a reverse row (≤, a cost ceiling) that met its ceiling but lost points:
 * scored as if it were positive (B / A), so spending less costs points. A warning under every profile,
 * `auto` included: a met target scores its full weight (rules-reference §2, national rule).
 */
export const reverseAsPositiveCheck: Check = {
  id: "indicator.reverse-as-positive",
  evaluate(t, ctx) {
    for (const { row, e, weight } of rowContexts(t)) {
      if (e.kind !== "quantity" || e.direction !== "reverse" || !e.met || !weight || !row.score) continue;
      const score = quietScore(row.score);
      if (!score) continue;
      counted(ctx, row.score, row.target, row.actual);
      if (!score.value.lt(weight.value.minus("0.01"))) continue;
      const formula = `${e.b.toFixed()} ≤ ${e.a.toFixed()}`;
      report(ctx, "indicator.reverse-as-positive", "warning", row.score, {
        expected: weight.value.toFixed(2),
        formula,
        ...say(MESSAGES, "reverseScoredAsPositive", {
          indicator: row.name,
          target: shown(row.target),
          actual: shown(row.actual),
          formula,
          stated: shown(row.score),
          weight: shown(row.weight),
        }),
      });
    }
  },
};

export const CONSISTENCY_CHECKS: Check[] = [executionVsOutputCheck, overAchievementCheck, reverseAsPositiveCheck];

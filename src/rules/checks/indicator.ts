/**
 * Indicator row checks (年度绩效指标, rules-reference §2 identities 5–6 and "Scoring").
 */
import { say } from "../messages";
import { signed } from "../decimal";
import { compareRatio, compareScore, scoreAgrees } from "../compare";
import { isPlaceholder, type StatedNumber, type StatedPercent } from "../parse";
import { quietPercent, quietScore as readQuiet, rowContexts } from "../rows";
import { completionRateReadings, expectedIndicatorScore, isMet, withStatedRate, type Evaluation } from "../scoring";
import { rowFitAt } from "../inference";
import type { IndicatorRow, SelfEvaluationTable } from "../types";
import type { Decimal } from "../decimal";
import {
  asRounding,
  counted,
  cover,
  disagreement,
  readStated,
  report,
  scoredFromStatedRate,
  shown,
  withFit,
  type Check,
  type CheckContext,
  type FindingText,
} from "./common";

/** The indicator checks' own notes, by id (the shared ones are in ./common). */
export const MESSAGES = {
  cannotRecompute: {
    zh: "复核：无法复核{what}（表列 {stated}）：{reason}。",
    en: "Check: the {whatEn} (stated {stated}) cannot be recomputed: {reasonEn}.",
  },
  unitsDiffer: {
    zh: "复核：「{indicator}」目标值单位「{targetUnit}」与业绩值单位「{actualUnit}」不同，未复核完成率和得分。",
    en: 'Check: "{indicator}" states the target in "{targetUnit}" and the actual in "{actualUnit}"; rate and score not recomputed.',
  },
  cappedRate: {
    zh: "复核：完成率按 B / A 应为 {expected}（= {formula}），表列 {stated} 为封顶 100% 的写法，予以接受。",
    en: "Check: the completion rate by B / A is {expected} (= {formula}); the stated {stated} is capped at 100%, accepted.",
  },
  overWeight: {
    zh: "复核：指标得分 {stated} 超过权重 {weight}。",
    en: "Check: the indicator score {stated} exceeds its weight {weight}.",
  },
  negative: {
    zh: "复核：指标得分 {stated} 为负数。",
    en: "Check: the indicator score {stated} is negative.",
  },
  missedNoNote: {
    zh: "复核：「{indicator}」未达到目标值（目标 {target}，实际 {actual}），但未填写偏差原因分析及改进措施。",
    en: 'Check: "{indicator}" missed its target (target {target}, actual {actual}) but gives no deviation analysis.',
  },
  shortNoNote: {
    zh: "复核：「{indicator}」得分 {stated} 低于权重 {weight}，但未填写偏差原因分析及改进措施。",
    en: 'Check: "{indicator}" scores {stated} below its weight {weight} but gives no deviation analysis.',
  },
  fieldEmpty: {
    zh: "复核：{indicators}未得满分或未达成目标，但表下“偏差大或目标未完成原因分析”未填写。",
    en: "Check: {indicators} fell short of their weight or target, but the deviation field below the table is empty.",
  },
  fieldPlaceholder: {
    zh: "复核：{indicators}未得满分或未达成目标，但表下“偏差大或目标未完成原因分析”只写了「{text}」。",
    en: 'Check: {indicators} fell short of their weight or target, but the deviation field below the table only says "{text}".',
  },
  actualSuspect: {
    zh: "复核：「{indicator}」实际完成值疑为计划值：{why}。未按达成复核完成率和得分，请核实实际完成情况。",
    en: 'Check: the actual of "{indicator}" looks like the plan: {whyEn}. Rate and score were not checked as met; verify what was actually done.',
  },
  scoreMissing: {
    zh: "复核：「{indicator}」权重 {weight}，但得分为空。请填写得分；空白不按 0 分计。",
    en: 'Check: "{indicator}" has a weight of {weight} but no score; a blank is not read as 0.',
  },
} as const;

const RATE = { zh: "完成率", en: "completion rate" };
const SCORE = { zh: "指标得分", en: "indicator score" };
const WEIGHT = { zh: "权重", en: "weight" };

/** Why a row cannot be recomputed, in words for the note and for the DC.* functions' #VALUE! messages. */
export function unknownReason(reason: string): { zh: string; en: string } {
  switch (reason) {
    case "target-unreadable":
      return { zh: "目标值无法读取", en: "the target cannot be read" };
    case "actual-empty":
      return { zh: "业绩值为空", en: "the actual is empty" };
    case "actual-unreadable":
      return { zh: "业绩值无法读取", en: "the actual cannot be read" };
    case "units-differ":
      return { zh: "目标值与业绩值计量单位不同", en: "target and actual use different units" };
    case "qualitative-unknown":
    case "met-unknown":
      return { zh: "无法从业绩值判断是否达成", en: "the actual does not say whether the target was met" };
    default:
      return { zh: "目标值与业绩值无法比较", en: "target and actual cannot be compared" };
  }
}

function cannotRecompute(
  what: { zh: string; en: string },
  stated: string,
  why: { zh: string; en: string },
): FindingText {
  return {
    expected: "",
    formula: "",
    category: "reading",
    ...say(MESSAGES, "cannotRecompute", { what: what.zh, whatEn: what.en, stated, reason: why.zh, reasonEn: why.en }),
  };
}

/** indicator.units — target and actual in different units: a warning, and no recomputation. */
export const unitsCheck: Check = {
  id: "indicator.units",
  evaluate(t, ctx) {
    for (const { row, e } of rowContexts(t)) {
      if (e.kind !== "units-differ" || !row.actual) continue;
      counted(ctx, row.actual, row.target);
      report(ctx, "indicator.units", "warning", row.actual, {
        expected: "",
        formula: "",
        ...say(MESSAGES, "unitsDiffer", { indicator: row.name, targetUnit: e.targetUnit, actualUnit: e.actualUnit }),
      });
    }
  },
};

/** indicator.completion-rate — 完成率 = B / A (2024 layout), with the accepted alternatives of identity 6. */
export const completionRateCheck: Check = {
  id: "indicator.completion-rate",
  evaluate(t, ctx) {
    if (!t.hasCompletionRate) return;
    for (const { row, e } of rowContexts(t)) {
      const cell = row.completionRate;
      const stated = readStated<StatedPercent>(ctx, cell, "percent", RATE);
      if (!cell || !stated) continue;
      if (e.kind === "units-differ") continue; // reported once by indicator.units
      if (e.kind === "unknown" && e.reason === "actual-suspect") continue; // reported by indicator.actual-suspect
      // Counted as a check; the cells count as covered only when the rate could be recomputed.
      ctx.checks++;
      const readings = completionRateReadings(e);
      if (readings.length > 0) cover(ctx, cell, row.target, row.actual);
      if (readings.length === 0) {
        if (e.kind === "date" && e.met === false && stated.ratio.gt(0) && stated.ratio.lt(1)) {
          report(
            ctx,
            "indicator.completion-rate",
            "info",
            cell,
            cannotRecompute(RATE, shown(cell), {
              zh: "时限未达成，表列为分级比例",
              en: "the deadline was missed and a graded share is stated",
            }),
          );
        } else {
          const why = e.kind === "unknown" ? unknownReason(e.reason) : unknownReason("met-unknown");
          report(ctx, "indicator.completion-rate", "info", cell, cannotRecompute(RATE, shown(cell), why));
        }
        continue;
      }
      const c = compareRatio(stated, readings);
      if (c.verdict === "agree") continue;
      if (c.verdict === "accepted") {
        if (c.matched?.reading === "capped") {
          report(ctx, "indicator.completion-rate", "info", cell, {
            expected: c.expected,
            formula: c.formula,
            ...say(MESSAGES, "cappedRate", { expected: c.expected, formula: c.formula, stated: shown(cell) }),
          });
        }
        continue;
      }
      const diff = signed(stated.ratio.minus(readings[0].ratio).mul(100), stated.decimals) + "%";
      const text = disagreement(ctx, RATE, shown(cell), c.expected, c.formula, diff);
      if (c.verdict === "rounding") {
        report(ctx, "indicator.completion-rate", "info", cell, asRounding(text));
      } else {
        report(ctx, "indicator.completion-rate", "error", cell, text);
      }
    }
  },
};

/** indicator.score — 指标得分 under the row's 赋分规则 or the profile. */
export const indicatorScoreCheck: Check = {
  id: "indicator.score",
  evaluate(t, ctx) {
    for (const { row, e, weight } of rowContexts(t)) {
      const cell = row.score;
      const stated = readStated<StatedNumber>(ctx, cell, "score", SCORE);
      if (!cell || !stated) continue;
      if (!weight) {
        if (row.weight && shown(row.weight) !== "") readStated(ctx, row.weight, "score", WEIGHT);
        continue;
      }
      if (e.kind === "units-differ") continue;
      if (e.kind === "unknown" && e.reason === "actual-suspect") continue; // reported by indicator.actual-suspect
      ctx.checks++;
      // Judged under the very profile inferred for the table, a row the inference reproduced from the
      // figures agrees (the inference tried this expectation on this stated score): not recomputed.
      if (ctx.fit && ctx.fit.profile === ctx.profile && rowFitAt(ctx.fit, cell)?.via === "figures") {
        cover(ctx, cell, row.weight, row.target, row.actual);
        continue;
      }
      const exp = expectedIndicatorScore(weight.value, e, row.scoringRule, ctx.profile);
      if (exp.kind !== "unknown") cover(ctx, cell, row.weight, row.target, row.actual);
      if (exp.kind === "unknown") {
        const why = e.kind === "unknown" ? unknownReason(e.reason) : unknownReason(exp.reason);
        report(ctx, "indicator.score", "info", cell, cannotRecompute(SCORE, shown(cell), why));
        continue;
      }
      if (scoreAgrees(stated, exp)) continue;
      const c = compareScore(stated, exp);
      const text = disagreement(ctx, SCORE, shown(cell), c.expected, exp.formula, signed(c.diff, 2));
      const fromRate = scoreFromStatedRate(row, e, weight.value, stated, ctx);
      if (fromRate) {
        const x = scoredFromStatedRate(text, fromRate.rateAgrees, RATE.zh, fromRate.rate, fromRate.formula);
        report(ctx, "indicator.score", x.severity, cell, x.text);
        continue;
      }
      report(ctx, "indicator.score", "error", cell, withFit(ctx, cell, text));
    }
  },
};

/**
 * Whether the stated score is the profile's score for the row's stated 完成率 (systems often score from
 * the rate as displayed), and whether that stated rate itself agrees with B / A (within its rounding).
 */
function scoreFromStatedRate(
  row: IndicatorRow,
  e: Evaluation,
  weight: Decimal,
  stated: StatedNumber,
  ctx: CheckContext,
): { rate: string; formula: string; rateAgrees: boolean } | null {
  const rate = quietPercent(row.completionRate);
  if (!rate || !row.completionRate) return null;
  const eStated = withStatedRate(e, rate.ratio, shown(row.completionRate));
  if (!eStated) return null;
  const exp = expectedIndicatorScore(weight, eStated, row.scoringRule, ctx.profile);
  if (exp.kind === "unknown" || !scoreAgrees(stated, exp)) return null;
  const readings = completionRateReadings(e);
  const verdict = readings.length > 0 ? compareRatio(rate, readings).verdict : "disagree";
  return { rate: shown(row.completionRate), formula: exp.formula, rateAgrees: verdict !== "disagree" };
}

/** indicator.over-weight — no 指标得分 exceeds its 权重; no score is negative (identity 5). */
export const overWeightCheck: Check = {
  id: "indicator.over-weight",
  evaluate(t, ctx) {
    for (const { row, weight } of rowContexts(t)) {
      const cell = row.score;
      if (!cell || !weight) continue;
      const stated = readQuiet(cell);
      if (!stated) continue;
      counted(ctx, cell, row.weight);
      if (stated.value.gt(weight.value)) {
        report(ctx, "indicator.over-weight", "error", cell, {
          expected: `≤ ${weight.value.toFixed(2)}`,
          formula: `${stated.value.toFixed(2)} > ${weight.value.toFixed(2)}`,
          ...say(MESSAGES, "overWeight", { stated: shown(cell), weight: shown(row.weight) }),
        });
      } else if (stated.value.isNegative()) {
        report(ctx, "indicator.over-weight", "error", cell, {
          expected: "≥ 0.00",
          formula: `${stated.value.toFixed(2)} < 0`,
          ...say(MESSAGES, "negative", { stated: shown(cell) }),
        });
      }
    }
  },
};

/** indicator.deviation-note — score below weight with 偏差原因分析及改进措施 empty (财预〔2020〕10号). */
export const deviationNoteCheck: Check = {
  id: "indicator.deviation-note",
  evaluate(t, ctx) {
    if (!t.hasDeviationColumn) {
      deviationField(t, ctx);
      return;
    }
    for (const { row, weight, e } of rowContexts(t)) {
      if (!row.score && !row.weight && row.deviationNote) {
        // A form without scores (专项资金, 转移支付): a missed target needs its reason just the same.
        if (isMet(e) !== false) continue;
        counted(ctx, row.deviationNote);
        if (!isPlaceholder(shown(row.deviationNote))) continue;
        report(ctx, "indicator.deviation-note", "warning", row.deviationNote, {
          expected: "",
          formula: `${shown(row.actual)} / ${shown(row.target)}`,
          ...say(MESSAGES, "missedNoNote", {
            indicator: row.name,
            target: shown(row.target),
            actual: shown(row.actual),
          }),
        });
        continue;
      }
      const stated = readQuiet(row.score);
      if (!stated || !weight || !row.deviationNote) continue;
      counted(ctx, row.deviationNote);
      // "/" or "—" in the column says nothing: it counts as empty.
      if (stated.value.gte(weight.value) || !isPlaceholder(shown(row.deviationNote))) continue;
      report(ctx, "indicator.deviation-note", "warning", row.deviationNote, {
        expected: "",
        formula: `${stated.value.toFixed(2)} < ${weight.value.toFixed(2)}`,
        ...say(MESSAGES, "shortNoNote", { indicator: row.name, stated: shown(row.score), weight: shown(row.weight) }),
      });
    }
  },
};

/**
 * Templates with one 偏差大或目标未完成原因分析 field below the table instead of a column: the rows scored
 * below their weight (or, without scores, that missed their target) need it filled once.
 */
function deviationField(t: SelfEvaluationTable, ctx: CheckContext): void {
  const field = t.deviationField;
  if (!field) return;
  const short = rowContexts(t).filter(({ row, weight, e }) => {
    const score = readQuiet(row.score);
    if (score && weight) return score.value.lt(weight.value);
    return !weight && isMet(e) === false; // no weight (goal blocks, unscored forms): a missed target
  });
  if (short.length === 0) return;
  counted(ctx, field);
  const text = shown(field);
  if (!isPlaceholder(text) && !/^(无|没有|无偏差)$/.test(text)) return;
  const names = short.map(({ row }) => `「${row.name}」`).join("、");
  report(ctx, "indicator.deviation-note", "warning", field, {
    expected: "",
    formula: "",
    ...say(MESSAGES, text ? "fieldPlaceholder" : "fieldEmpty", { indicators: names, text }),
  });
}

/**
 * indicator.converted-score — 折算得分 = 单项得分 × 权重 / 100 (权重 in points out of 100), or × 权重 where the
 * 权重 is written as a percentage (20%). The templates that score each indicator out of 100 and convert it.
 */
export const convertedScoreCheck: Check = {
  id: "indicator.converted-score",
  evaluate(t, ctx) {
    for (const { row } of rowContexts(t)) {
      const cell = row.score;
      if (!row.singleScore || !cell) continue;
      const converted = readStated<StatedNumber>(ctx, cell, "score", { zh: "折算得分", en: "converted score" });
      const single = readStated<StatedNumber>(ctx, row.singleScore, "score", { zh: "单项得分", en: "single score" });
      if (!converted || !single || !row.weight) continue;
      const pct = quietPercent(row.weight);
      const asPercent = !!pct && /%/.test(shown(row.weight));
      const points = readQuiet(row.weight);
      const ratio = asPercent ? pct!.ratio : points ? points.value.div(100) : null;
      if (!ratio) continue;
      counted(ctx, cell, row.singleScore, row.weight);
      const expected = single.value.mul(ratio);
      const diff = converted.value.minus(expected);
      if (diff.abs().lte("0.01")) continue;
      const formula = `${single.value.toFixed()} × ${asPercent ? shown(row.weight) : `${points!.value.toFixed()} / 100`}`;
      report(
        ctx,
        "indicator.converted-score",
        "error",
        cell,
        disagreement(
          ctx,
          { zh: "折算得分", en: "the converted score" },
          shown(cell),
          expected.toFixed(2),
          formula,
          signed(diff, 2),
        ),
      );
    }
  },
};

/**
 * indicator.actual-suspect — an actual that is the plan, not the result: it repeats the target while the
 * row's note says the work is pending, or it is a date after the evaluation year or years away from it.
 * The row is not read as achieved and gets no full-score expectation (seed 003 H44, H67, H222; 000 H95).
 */
export const actualSuspectCheck: Check = {
  id: "indicator.actual-suspect",
  evaluate(t, ctx) {
    for (const { row, suspect } of rowContexts(t)) {
      if (!suspect || !row.actual) continue;
      counted(ctx, row.actual);
      report(ctx, "indicator.actual-suspect", "warning", row.actual, {
        expected: "",
        formula: "",
        ...say(MESSAGES, "actualSuspect", { indicator: row.name, why: suspect.zh, whyEn: suspect.en }),
      });
    }
  },
};

/**
 * indicator.score-missing — a row with a 权重 and a blank 得分 (in a table that has a 得分 column): the
 * score is missing, not 0 (seed 003 H292).
 */
export const scoreMissingCheck: Check = {
  id: "indicator.score-missing",
  evaluate(t, ctx) {
    for (const { row, weight } of rowContexts(t)) {
      if (!weight || !row.score || row.singleScore) continue;
      counted(ctx, row.score);
      if (shown(row.score) !== "") continue;
      report(ctx, "indicator.score-missing", "warning", row.score, {
        expected: "",
        formula: "",
        ...say(MESSAGES, "scoreMissing", { indicator: row.name, weight: shown(row.weight) }),
      });
    }
  },
};

export const INDICATOR_CHECKS: Check[] = [
  actualSuspectCheck,
  scoreMissingCheck,
  convertedScoreCheck,
  unitsCheck,
  completionRateCheck,
  indicatorScoreCheck,
  overWeightCheck,
  deviationNoteCheck,
];

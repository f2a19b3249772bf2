/**
 * table.group-weight — weights stated inside labels: a 一级指标 group (`产出指标(50分)`, `(30分)`) or an
 * indicator block (`绩效指标(90分)`, `年度绩效目标1(40分)`) against the rows under it.
 *
 * - rows with a 权重 column: Σ 权重 of the rows = the label's weight;
 * - goal blocks without a 权重 column (湖北 鄂财绩发〔2020〕3号 template): Σ 得分 ≤ the block's weight, and
 *   = the block's weight when every row of the block is reported as met (a met target scores in full:
 *   财预〔2020〕10号 附件 评分规则 "完成指标值的记全部分值").
 *
 * A group or block is checked only when it is seen to end (another group, block or the 总分 row follows),
 * so that a table cut short is never compared with half its rows.
 */
import { Decimal } from "../decimal";
import { isPlaceholder, parseScore } from "../parse";
import { rowContexts } from "../rows";
import { isMet } from "../scoring";
import type { IndicatorRow, StatedCell } from "../types";
import { counted, readStated, report, shown, type Check, type CheckContext } from "./common";
import type { StatedNumber } from "../parse";
import { say } from "../messages";

/** The notes of table.group-weight, by id. */
export const MESSAGES = {
  weights: {
    zh: "复核：「{group}」标明分值 {points}，其下各指标权重之和为 {sum}（= {formula}），两者不符。",
    en: 'Check: "{group}" states {points} points, but the weights of its rows add up to {sum} (= {formula}).',
  },
  scoresOver: {
    zh: "复核：「{group}」下各指标得分之和 {sum}（= {formula}）超过其分值 {points}。",
    en: 'Check: the scores under "{group}" add up to {sum} (= {formula}), more than its {points} points.',
  },
  metNotFull: {
    zh: "复核：「{group}」下各指标（{indicators}）均已达成目标，得分之和应为 {points}，表列合计 {sum}（= {formula}）。完成指标值的应记全部分值。",
    en: 'Check: every indicator under "{group}" ({indicators}) met its target, so the scores should add up to {points}; they add up to {sum} (= {formula}). A met target scores its full weight.',
  },
} as const;

function hasFigure(c: StatedCell | undefined): c is StatedCell {
  return !!c && !isPlaceholder(shown(c));
}

/** Σ of the figures of `cells`; null (after reporting cell.unreadable) when one cannot be read. */
function sum(
  ctx: CheckContext,
  cells: StatedCell[],
  what: { zh: string; en: string },
): { value: Decimal; terms: string[] } | null {
  let value = new Decimal(0);
  const terms: string[] = [];
  for (const c of cells) {
    if (parseScore(c).kind === "unreadable") {
      readStated(ctx, c, "score", what);
      return null;
    }
    const r = readStated<StatedNumber>(ctx, c, "score", what);
    if (!r) continue;
    value = value.plus(r.value);
    terms.push(r.value.toFixed());
  }
  return { value, terms };
}

function labelText(points: StatedCell): string {
  return points.fromLabel ? points.fromLabel.replace(/\s+/g, "") : shown(points);
}

function checkWeights(ctx: CheckContext, points: StatedCell, rows: IndicatorRow[]): void {
  const weights = rows.map((r) => r.weight).filter(hasFigure);
  if (weights.length === 0) return;
  const s = sum(ctx, weights, { zh: "权重", en: "weight" });
  const p = readStated<StatedNumber>(ctx, points, "score", { zh: "分值", en: "weight" });
  if (!s || !p) return;
  counted(ctx, points, ...weights);
  if (s.value.eq(p.value)) return;
  const label = labelText(points);
  report(ctx, "table.group-weight", "error", points, {
    expected: s.value.toFixed(),
    formula: s.terms.join(" + "),
    ...say(MESSAGES, "weights", {
      group: label,
      points: p.value.toFixed(),
      sum: s.value.toFixed(),
      formula: s.terms.join(" + "),
    }),
  });
}

/** A goal block without a 权重 column: its scores against its weight. */
function checkBlockScores(ctx: CheckContext, points: StatedCell, rows: IndicatorRow[], met: boolean[]): void {
  const scores = rows.map((r) => r.score).filter(hasFigure);
  if (scores.length === 0) return;
  const s = sum(ctx, scores, { zh: "得分", en: "score" });
  const p = readStated<StatedNumber>(ctx, points, "score", { zh: "分值", en: "weight" });
  if (!s || !p) return;
  counted(ctx, points, ...scores);
  const label = labelText(points);
  const formula = s.terms.join(" + ");
  if (s.value.gt(p.value)) {
    report(ctx, "table.group-weight", "error", points, {
      expected: `≤ ${p.value.toFixed()}`,
      formula,
      ...say(MESSAGES, "scoresOver", { group: label, sum: s.value.toFixed(), formula, points: p.value.toFixed() }),
    });
    return;
  }
  if (met.length === rows.length && met.every((m) => m) && s.value.lt(p.value)) {
    const names = rows.map((r) => `「${r.name}」`).join("、");
    report(ctx, "table.group-weight", "error", points, {
      expected: p.value.toFixed(),
      formula,
      ...say(MESSAGES, "metNotFull", {
        group: label,
        indicators: names,
        points: p.value.toFixed(),
        sum: s.value.toFixed(),
        formula,
      }),
    });
  }
}

export const groupWeightCheck: Check = {
  id: "table.group-weight",
  evaluate(t, ctx) {
    const contexts = rowContexts(t);
    const byRow = new Map(contexts.map((c) => [c.row.row, c]));
    for (const g of t.groups) {
      if (!g.complete) continue;
      checkWeights(
        ctx,
        g.points,
        g.rows.map((r) => byRow.get(r)!.row),
      );
    }
    t.blocks.forEach((b, i) => {
      if (!b.points || !b.complete) return;
      const rows = contexts.filter((c) => c.row.block === i);
      if (rows.length === 0) return;
      if (rows.some((c) => hasFigure(c.row.weight))) {
        checkWeights(
          ctx,
          b.points,
          rows.map((c) => c.row),
        );
      } else {
        const met = rows.map((c) => isMet(c.e)).filter((m): m is boolean => m !== null);
        checkBlockScores(
          ctx,
          b.points,
          rows.map((c) => c.row),
          met,
        );
      }
    });
  },
};

export const GROUP_CHECKS: Check[] = [groupWeightCheck];

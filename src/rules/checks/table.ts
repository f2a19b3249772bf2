/**
 * Whole-table checks: 总分 (score) and 总分 (weight) (rules-reference §2 identities 3–4, §3).
 */
import { Decimal, signed } from "../decimal";
import { sumAgreesExactly, sumWithinScoreTolerance, type ScaledFigure } from "../compare";
import { isPlaceholder, parseScore, type StatedNumber } from "../parse";
import { quietScore } from "../rows";
import type { SelfEvaluationTable, StatedCell } from "../types";
import { say } from "../messages";
import { counted, disagreement, readStated, report, shown, type Check, type CheckContext } from "./common";

/** The whole table's own notes, by id (the shared ones are in ./common). */
export const MESSAGES = {
  weightSum: {
    zh: "复核：分值合计应为 100，各项分值之和为 {sum}（= {terms}）。",
    en: "Check: the weights should add up to 100; they add up to {sum} (= {terms}).",
  },
  weightSumStated: {
    zh: "复核：分值合计应为 100，各项分值之和为 {sum}（= {terms}），总分行列 {stated}。",
    en: "Check: the weights should add up to 100; they add up to {sum} (= {terms}), the total row states {stated}.",
  },
  nameMissing: {
    zh: "复核：本表「{label}」一栏为空，无法确认所评价的项目或单位。",
    en: 'Check: the table\'s "{label}" is blank; the project or unit evaluated cannot be named.',
  },
} as const;

/**
 * Adds the stated parts. A part that cannot be read is reported as `cell.unreadable` (once per cell across
 * all checks), and the sum is then null: nothing is compared with a partial sum.
 */
function sumStated(
  ctx: CheckContext,
  cells: Array<StatedCell | undefined>,
  what: { zh: string; en: string },
): StatedSum | null {
  const parts: StatedNumber[] = [];
  let unreadable = false;
  for (const c of cells) {
    if (!c) continue;
    if (parseScore(c).kind === "unreadable") {
      readStated(ctx, c, "score", what);
      unreadable = true;
      continue;
    }
    const r = readStated<StatedNumber>(ctx, c, "score", what);
    if (!r) continue;
    parts.push(r);
  }
  return unreadable ? null : new StatedSum(parts);
}

/**
 * The stated parts of a sum; their decimal sum and the terms as written in a formula, made when first
 * read (for a finding, or when the parts have no scaled integers).
 */
class StatedSum {
  private total: Decimal | undefined;
  constructor(readonly parts: StatedNumber[]) {}
  get sum(): Decimal {
    return (this.total ??= this.parts.reduce((acc, p) => acc.plus(p.value), new Decimal(0)));
  }
  get terms(): string[] {
    return this.parts.map((p) => p.value.toFixed());
  }
}

/** Whether the parts add up to `total` exactly: on the scaled integers when they have them, else in decimals. */
function sumEquals(s: StatedSum, total: ScaledFigure & { value: Decimal }): boolean {
  return sumAgreesExactly(total, s.parts) ?? s.sum.eq(total.value);
}

/** 100 as a stated figure (the weights' required total). */
const HUNDRED_FIGURE = { value: new Decimal(100), scaled: 100, decimals: 0 };

/** True when a cell holds something (a figure, or anything not a dash). */
function stated(cell: StatedCell | undefined): cell is StatedCell {
  return !!cell && !isPlaceholder(shown(cell));
}

/**
 * The weights the table's parts carry: each indicator row's 权重, or, where the rows state none (goal
 * blocks: `年度绩效目标1(40分)`), each block's weight. Null when neither is stated.
 */
function indicatorWeights(t: SelfEvaluationTable): StatedCell[] | null {
  const rows = t.indicators.map((r) => r.weight).filter(stated);
  if (rows.length > 0) return rows;
  if (t.blocks.length > 0 && t.blocks.every((b) => b.points)) return t.blocks.map((b) => b.points!);
  return null;
}

/**
 * Whether the budget block's part of the totals is known: the table has no fund block and its indicator
 * weights alone make 100 (nothing is missing), or the fund block states its 分值 (in a cell or a label).
 * A fund block the finder could not read, or one that states no 分值, leaves the totals unchecked rather
 * than compared with half a table.
 */
function budgetPartKnown(t: SelfEvaluationTable, weights: StatedCell[]): boolean {
  if (t.fund) return stated(t.fund.points);
  const sum = weights.reduce((acc, c) => acc.plus(quietScore(c)?.value ?? 0), new Decimal(0));
  return sum.eq(100);
}

/** table.total-score — 总分 = 预算执行得分 + Σ 指标得分 (a clerical check of the stated parts). */
export const totalScoreCheck: Check = {
  id: "table.total-score",
  evaluate(t, ctx) {
    const cell = t.total?.score;
    const statedTotal = readStated<StatedNumber>(ctx, cell, "score", { zh: "总分", en: "total score" });
    if (!cell || !statedTotal) return;
    const weights = indicatorWeights(t) ?? [];
    if (!budgetPartKnown(t, weights)) return;
    if (t.fund && !stated(t.fund.score)) return; // the budget score is missing: a partial sum says nothing
    const s = sumStated(ctx, [t.fund?.score, ...t.indicators.map((r) => r.score)], { zh: "得分", en: "score" });
    if (!s) return;
    counted(ctx, cell, t.fund?.score, ...t.indicators.map((r) => r.score));
    if (sumWithinScoreTolerance(statedTotal, s.parts) === true) return;
    const diff = statedTotal.value.minus(s.sum);
    if (diff.abs().lte("0.01")) return;
    report(
      ctx,
      "table.total-score",
      "error",
      cell,
      disagreement(
        ctx,
        { zh: "总分", en: "the total score" },
        shown(cell),
        s.sum.toFixed(2),
        s.terms.join(" + "),
        signed(diff, 2),
      ),
    );
  },
};

/**
 * table.weight-sum — 分值 of the fund block + Σ 权重 (or Σ block weights) = 100, and = the 总分 row's stated
 * weight. A table with no 总分 row may be cut short: there a sum of 100 counts as consistent and any
 * other sum is not reported.
 */
export const weightSumCheck: Check = {
  id: "table.weight-sum",
  evaluate(t, ctx) {
    const weights = indicatorWeights(t);
    if (!weights || !budgetPartKnown(t, weights)) return;
    const s = sumStated(ctx, [t.fund?.points, ...weights], { zh: "分值", en: "weight" });
    if (!s || s.parts.length === 0) return;
    // Without a 总分 row the table may be cut short: a sum of 100 is consistent, any other says nothing.
    if (!t.total && !sumEquals(s, HUNDRED_FIGURE)) return;
    const statedCell = t.total?.weight;
    const statedWeight = quietScore(statedCell);
    const where = statedCell && statedWeight ? statedCell : (t.fund?.points ?? weights[0]);
    if (!where) return;
    counted(ctx, statedCell, t.fund?.points, ...weights);
    const target = statedWeight ?? HUNDRED_FIGURE;
    const wrongTotal = statedWeight && !statedWeight.value.eq(100);
    if (!wrongTotal && sumEquals(s, target)) return;
    const what = { zh: "分值合计", en: "the sum of the weights" };
    const text = disagreement(
      ctx,
      what,
      shown(where),
      wrongTotal ? "100" : s.sum.toFixed(),
      s.terms.join(" + ") + ` = ${s.sum.toFixed()}`,
      null,
    );
    report(ctx, "table.weight-sum", "error", where, {
      ...text,
      expected: "100",
      ...say(MESSAGES, statedWeight ? "weightSumStated" : "weightSum", {
        sum: s.sum.toFixed(),
        terms: s.terms.join(" + "),
        stated: statedWeight ? shown(statedCell) : "",
      }),
    });
  },
};

/** table.name-missing — the 项目名称 / 单位名称 line is there but blank: the table cannot be filed by name. */
export const nameMissingCheck: Check = {
  id: "table.name-missing",
  evaluate(t, ctx) {
    const label = t.nameLabel;
    if (!label) return;
    counted(ctx, label);
    if (t.title.trim() !== "") return;
    const what = shown(label).replace(/\s+/g, "") || "项目名称";
    report(ctx, "table.name-missing", "warning", label, {
      expected: "",
      formula: "",
      ...say(MESSAGES, "nameMissing", { label: what }),
    });
  },
};

export const TABLE_CHECKS: Check[] = [totalScoreCheck, weightSumCheck, nameMissingCheck];

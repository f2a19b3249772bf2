/**
 * Fund block checks (项目资金 / 部门资金, rules-reference §2 identities 1–2, §3).
 */
import { say } from "../messages";
import { Decimal, ZERO, fixed, signed } from "../decimal";
import { compareRatio, compareSum, sumAgreesExactly, type ScaledFigure } from "../compare";
import type { StatedNumber, StatedPercent } from "../parse";
import { quietPercent } from "../rows";
import { budgetExecutionScore, budgetScoreForRate, executionRate, roundScore } from "../scoring";
import type { FundBreakdown, FundRow, SelfEvaluationTable, StatedCell } from "../types";
import {
  asRounding,
  counted,
  disagreement,
  readStated,
  report,
  scoredFromStatedRate,
  shown,
  withFit,
  type Check,
  type CheckContext,
} from "./common";

const RATE = { zh: "执行率", en: "execution rate" };
const SCORE = { zh: "预算执行得分", en: "budget execution score" };

/** Reads 全年预算数 and 全年执行数 of the total row, in 万元, with their decimals. */
function totals(t: SelfEvaluationTable, ctx: CheckContext): { budget: StatedNumber; executed: StatedNumber } | null {
  const total = t.fund?.total;
  if (!total) return null;
  const budget = readStated<StatedNumber>(ctx, total.budgetFull, "amount", {
    zh: "全年预算数",
    en: "full-year budget",
  });
  const executed = readStated<StatedNumber>(ctx, total.executed, "amount", { zh: "全年执行数", en: "amount executed" });
  if (!budget || !executed) return null;
  return { budget, executed };
}

/** fund.execution-rate — 执行率 = 全年执行数 / 全年预算数 of the 年度资金总额 / 合计 row. */
/** The fund block's own notes, by id (the shared ones are in ./common). */
export const MESSAGES = {
  zeroBudget: {
    zh: "复核：全年预算数为 0，无法复核执行率（表列 {stated}）。",
    en: "Check: the full-year budget is 0, so the execution rate (stated {stated}) cannot be recomputed.",
  },
  zeroBudgetOfSource: {
    zh: "复核：「{source}」全年预算数为 0，无法复核执行率（表列 {stated}）。",
    en: 'Check: the full-year budget of "{source}" is 0, so its execution rate (stated {stated}) cannot be recomputed.',
  },
  splitSum: {
    zh: "复核：{split}合计 {sum}（= {terms}）与年度资金总额全年预算数 {budget} 不符，差 {difference}。",
    en: "Check: the split {split} adds up to {sum} (= {terms}), not the full-year budget {budget}; difference {difference}.",
  },
} as const;

export const executionRateCheck: Check = {
  id: "fund.execution-rate",
  evaluate(t, ctx) {
    const cell = t.fund?.rate;
    const stated = readStated<StatedPercent>(ctx, cell, "percent", RATE);
    if (!cell || !stated) return;
    const tt = totals(t, ctx);
    if (!tt) return;
    const dp = Math.max(tt.budget.decimals, tt.executed.decimals);
    const formula = `${fixed(tt.executed.value, dp)} / ${fixed(tt.budget.value, dp)}`;
    const r = executionRate(tt.budget.value, tt.executed.value);
    counted(ctx, cell, t.fund?.total?.budgetFull, t.fund?.total?.executed);
    if (!r) {
      report(ctx, "fund.execution-rate", "info", cell, {
        expected: "",
        formula,
        category: "reading",
        ...say(MESSAGES, "zeroBudget", { stated: shown(cell) }),
      });
      return;
    }
    rateFinding(ctx, RATE, cell, stated, r, formula);
    // Templates that state a rate on every source row (四川 报表编号510000_0013zp): each against its own row.
    for (const row of t.fund?.rows ?? []) {
      if (!row.rate || row.rate === cell || (row.rate.row === cell.row && row.rate.col === cell.col)) continue;
      const own = readStated<StatedPercent>(ctx, row.rate, "percent", RATE);
      if (!own) continue;
      const budget = readStated<StatedNumber>(ctx, row.budgetFull, "amount", {
        zh: "全年预算数",
        en: "full-year budget",
      });
      const executed = readStated<StatedNumber>(ctx, row.executed, "amount", {
        zh: "全年执行数",
        en: "amount executed",
      });
      if (!budget || !executed) continue;
      const rowDp = Math.max(budget.decimals, executed.decimals);
      const rowFormula = `${fixed(executed.value, rowDp)} / ${fixed(budget.value, rowDp)}`;
      counted(ctx, row.rate, row.budgetFull, row.executed);
      const rr = executionRate(budget.value, executed.value);
      if (!rr) {
        if (executed.value.isZero() && own.ratio.isZero()) continue; // 0 of 0 stated as 0%: nothing to say
        report(ctx, "fund.execution-rate", "info", row.rate, {
          expected: "",
          formula: rowFormula,
          category: "reading",
          ...say(MESSAGES, "zeroBudgetOfSource", { source: row.label, stated: shown(row.rate) }),
        });
        continue;
      }
      rateFinding(
        ctx,
        { zh: `「${row.label}」执行率`, en: `execution rate of "${row.label}"` },
        row.rate,
        own,
        rr,
        rowFormula,
      );
    }
  },
};

/** Reports a stated 执行率 that disagrees with the recomputed one (one unit off: info). */
function rateFinding(
  ctx: CheckContext,
  what: { zh: string; en: string },
  cell: StatedCell,
  stated: StatedPercent,
  r: Decimal,
  formula: string,
): void {
  const c = compareRatio(stated, [{ ratio: r, formula, reading: "primary" }]);
  if (c.verdict === "agree") return;
  const diff = signed(stated.ratio.minus(r).mul(100), stated.decimals) + "%";
  const text = disagreement(ctx, what, shown(cell), c.expected, formula, diff);
  report(
    ctx,
    "fund.execution-rate",
    c.verdict === "rounding" ? "info" : "error",
    cell,
    c.verdict === "rounding" ? asRounding(text) : text,
  );
}

/** fund.score — 预算执行得分 under the profile's budget-execution rule. */
export const fundScoreCheck: Check = {
  id: "fund.score",
  evaluate(t, ctx) {
    const cell = t.fund?.score;
    const stated = readStated<StatedNumber>(ctx, cell, "score", SCORE);
    const points = readStated<StatedNumber>(ctx, t.fund?.points, "score", { zh: "分值", en: "points" });
    if (!cell || !stated || !points) return;
    const tt = totals(t, ctx);
    if (!tt) return;
    const dp = Math.max(tt.budget.decimals, tt.executed.decimals);
    const s = budgetExecutionScore(points.value, tt.budget.value, tt.executed.value, ctx.profile, dp);
    if (!s) return;
    counted(ctx, cell, t.fund?.points, t.fund?.total?.budgetFull, t.fund?.total?.executed);
    const expected = roundScore(s.value, ctx.profile);
    const diff = stated.value.minus(expected);
    if (diff.abs().lte("0.01")) return;
    const text = disagreement(ctx, SCORE, shown(cell), expected.toFixed(2), s.formula, signed(diff, 2));
    // Scored from the 执行率 as the table states it (e.g. 99.27% rather than 694.90 / 700.00)?
    const rateCell = t.fund?.rate;
    const rate = quietPercent(rateCell);
    if (rateCell && rate) {
      const fromRate = budgetScoreForRate(points.value, rate.ratio, shown(rateCell), ctx.profile);
      if (roundScore(fromRate.value, ctx.profile).minus(stated.value).abs().lte("0.01")) {
        const r = executionRate(tt.budget.value, tt.executed.value);
        const rateOk =
          !!r && compareRatio(rate, [{ ratio: r, formula: "", reading: "primary" }]).verdict !== "disagree";
        const x = scoredFromStatedRate(text, rateOk, RATE.zh, shown(rateCell), fromRate.formula);
        report(ctx, "fund.score", x.severity, cell, x.text);
        return;
      }
    }
    report(ctx, "fund.score", "error", cell, withFit(ctx, cell, text));
  },
};

/** A blank part of a sum: 0. */
const BLANK: ScaledFigure = { scaled: 0, decimals: 0 };

type AmountColumn = "budgetInitial" | "budgetFull" | "executed";
const COLUMNS: Array<[AmountColumn, { zh: string; en: string }]> = [
  ["budgetInitial", { zh: "年初预算数", en: "initial budget" }],
  ["budgetFull", { zh: "全年预算数", en: "full-year budget" }],
  ["executed", { zh: "全年执行数", en: "amount executed" }],
];

/** fund.sum — 年度资金总额 (合计) = Σ sources, in each of the three amount columns. */
export const fundSumCheck: Check = {
  id: "fund.sum",
  evaluate(t, ctx) {
    const fund = t.fund;
    for (const b of fund?.breakdowns ?? []) breakdownSums(t, b, ctx);
    if (!fund?.total || fund.parts.length === 0) return;
    for (const [col, name] of COLUMNS) {
      const totalCell = fund.total[col];
      const total = readStated<StatedNumber>(ctx, totalCell, "amount", name);
      if (!totalCell || !total) continue;
      const parts: Decimal[] = [];
      const read: Array<StatedNumber | null> = [];
      let unreadable = false;
      for (const p of fund.parts as FundRow[]) {
        const cell = p[col];
        const before = ctx.findings.length;
        const v = readStated<StatedNumber>(ctx, cell, "amount", name);
        if (ctx.findings.length > before) unreadable = true;
        parts.push(v ? v.value : ZERO);
        read.push(v);
      }
      if (unreadable) continue;
      counted(ctx, totalCell, ...fund.parts.map((p) => p[col]));
      // Most totals agree: decided on the scaled integers, decimals only for a finding.
      if (
        sumAgreesExactly(
          total,
          read.map((v) => v ?? BLANK),
        ) === true
      )
        continue;
      const c = compareSum(total, parts);
      if (c.verdict === "agree") continue;
      // The formula's terms, written only for a finding.
      const terms = read.map((v) => (v ? fixed(v.value, total.decimals) : "0"));
      const label = { zh: `${fund.total.label}（${name.zh}）`, en: `${fund.total.label} (${name.en})` };
      const text = disagreement(
        ctx,
        label,
        shown(totalCell),
        fixed(c.sum, total.decimals),
        terms.join(" + "),
        signed(c.diff, total.decimals),
      );
      if (c.verdict === "rounding") {
        report(
          ctx,
          "fund.sum",
          "info",
          totalCell,
          asRounding(text, `舍位差异，在 ±${c.band.toFixed()} 以内`, `rounding, within ±${c.band.toFixed()}`),
        );
      } else {
        report(ctx, "fund.sum", "error", totalCell, text);
      }
    }
  },
};

/**
 * A label:figure split of the total (湖南 部门整体: 按收入性质分 / 按支出性质分): Σ its lines = its stated
 * subtotal, and the subtotal (or Σ lines) = 年度资金总额 全年预算数, both splits being of the year's budget.
 */
function breakdownSums(t: SelfEvaluationTable, b: FundBreakdown, ctx: CheckContext): void {
  const name = { zh: b.label, en: b.label };
  const parts: StatedNumber[] = [];
  for (const p of b.parts) {
    if (!p.cell.text) continue;
    const v = readStated<StatedNumber>(ctx, p.cell, "amount", name);
    if (v) parts.push(v);
  }
  if (parts.length === 0) return;
  const dp = Math.max(...parts.map((p) => p.decimals));
  const terms = parts.map((p) => fixed(p.value, dp)).join(" + ");
  const subtotal = readStated<StatedNumber>(ctx, b.total, "amount", name);
  const sum = parts.reduce((acc, p) => acc.plus(p.value), new Decimal(0));
  if (b.total && subtotal) {
    counted(ctx, b.total, ...b.parts.map((p) => p.cell));
    const c = compareSum(
      subtotal,
      parts.map((p) => p.value),
    );
    if (c.verdict !== "agree") {
      const text = disagreement(
        ctx,
        name,
        shown(b.total),
        fixed(c.sum, subtotal.decimals),
        terms,
        signed(c.diff, subtotal.decimals),
      );
      report(
        ctx,
        "fund.sum",
        c.verdict === "rounding" ? "info" : "error",
        b.total,
        c.verdict === "rounding" ? asRounding(text) : text,
      );
      return;
    }
  }
  const budget = readStated<StatedNumber>(ctx, t.fund?.total?.budgetFull, "amount", {
    zh: "全年预算数",
    en: "full-year budget",
  });
  if (!budget || !t.fund?.total?.budgetFull) return;
  counted(ctx, t.fund.total.budgetFull, b.total, ...b.parts.map((p) => p.cell));
  const split = subtotal ? subtotal.value : sum;
  const c = compareSum(budget, subtotal ? [subtotal.value] : parts.map((p) => p.value));
  if (c.verdict === "agree") return;
  const where = b.total ?? b.labelCell;
  const formula = subtotal ? fixed(split, subtotal.decimals) : terms;
  report(ctx, "fund.sum", c.verdict === "rounding" ? "info" : "error", where, {
    expected: fixed(budget.value, budget.decimals),
    formula,
    ...say(MESSAGES, "splitSum", {
      split: b.label,
      sum: fixed(split, dp),
      terms,
      budget: shown(t.fund.total.budgetFull),
      difference: signed(split.minus(budget.value), dp),
    }),
  });
}

export const FUND_CHECKS: Check[] = [executionRateCheck, fundScoreCheck, fundSumCheck];

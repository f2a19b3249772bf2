/**
 * Whole-table checks: 总分 (score) and 总分 (weight) (rules-reference §2 identities 3–4, §3).
 */
import { Decimal, signed } from "../decimal";
import { parseScore, type StatedNumber } from "../parse";
import { quietScore } from "../rows";
import type { StatedCell } from "../types";
import { disagreement, readStated, report, shown, type Check, type CheckContext } from "./common";

/**
 * Adds the stated parts. A part that cannot be read is reported as `cell.unreadable` (once per cell across
 * all checks), and the sum is then null: nothing is compared with a partial sum.
 */
function sumStated(
  ctx: CheckContext,
  cells: Array<StatedCell | undefined>,
  what: { zh: string; en: string },
): { sum: Decimal; terms: string[] } | null {
  let sum = new Decimal(0);
  const terms: string[] = [];
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
    sum = sum.plus(r.value);
    terms.push(r.value.toFixed());
  }
  return unreadable ? null : { sum, terms };
}

/** table.total-score — 总分 = 预算执行得分 + Σ 指标得分 (a clerical check of the stated parts). */
export const totalScoreCheck: Check = {
  id: "table.total-score",
  title: { zh: "总分 = 预算执行得分 + 各指标得分", en: "Total score = budget score + indicator scores" },
  source: "rules-reference §2 identity 3",
  evaluate(t, ctx) {
    const cell = t.total?.score;
    const stated = readStated<StatedNumber>(ctx, cell, "score", { zh: "总分", en: "total score" });
    if (!cell || !stated) return;
    const s = sumStated(ctx, [t.fund?.score, ...t.indicators.map((r) => r.score)], { zh: "得分", en: "score" });
    if (!s) return;
    ctx.checks++;
    const diff = stated.value.minus(s.sum);
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

/** table.weight-sum — 分值 of the fund block + Σ 权重 = 100 (and = the 总分 row's stated weight). */
export const weightSumCheck: Check = {
  id: "table.weight-sum",
  title: { zh: "分值合计 = 100", en: "Weights add up to 100" },
  source: "rules-reference §2 identity 4; 财预〔2020〕10号 (产出 50, 效益 30, 满意度 10, 预算执行率 10)",
  evaluate(t, ctx) {
    const s = sumStated(ctx, [t.fund?.points, ...t.indicators.map((r) => r.weight)], { zh: "分值", en: "weight" });
    if (!s || s.terms.length === 0) return;
    const statedCell = t.total?.weight;
    const stated = quietScore(statedCell);
    const where = statedCell && stated ? statedCell : (t.fund?.points ?? t.indicators.find((r) => r.weight)?.weight);
    if (!where) return;
    ctx.checks++;
    const target = stated ? stated.value : new Decimal(100);
    const wrongTotal = stated && !stated.value.eq(100);
    if (s.sum.eq(target) && !wrongTotal) return;
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
      message: `复核：分值合计应为 100，各项分值之和为 ${s.sum.toFixed()}（= ${s.terms.join(" + ")}）${stated ? `，总分行列 ${shown(statedCell)}` : ""}。`,
      messageEn: `Check: the weights should add up to 100; they add up to ${s.sum.toFixed()} (= ${s.terms.join(" + ")})${stated ? `, the total row states ${shown(statedCell)}` : ""}.`,
    });
  },
};

export const TABLE_CHECKS: Check[] = [totalScoreCheck, weightSumCheck];

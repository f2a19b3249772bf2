/**
 * narrative.budget-variance — `预算数X万元，决算数Y万元，预决算差异率R%`: R = (Y − X) / X (rules-reference §5).
 */
import { say } from "../messages";
import { compareStatedRate, type ClaimCheck } from "./context";
import { quoteOf } from "./reader";

/** The notes of narrative.budget-variance, by id. */
export const MESSAGES = {
  zeroBudget: {
    zh: "复核：说明中「{quote}」：预算数为 0，差异率无法计算。",
    en: 'Check: the text\'s "{quote}": the budget is 0; the variance rate cannot be computed.',
  },
  rate: {
    zh: "复核：说明中「{quote}」的预决算差异率应为 {expected}（= {formula}），写作 {stated}。",
    en: 'Check: the text\'s "{quote}": the budget variance should be {expected} (= {formula}); written {stated}.',
  },
} as const;

export const budgetVarianceClaim: ClaimCheck = {
  kind: "budget-variance",
  evaluate(ctx) {
    ctx.paras.forEach((p, pi) => {
      p.figs.forEach((f, fi) => {
        if (f.unit !== "%" || !/差异率$/.test(f.label)) return;
        const before = p.figs.slice(0, fi).filter((g) => g.sentence === f.sentence);
        const budget = [...before].reverse().find((g) => /预算数$/.test(g.label));
        const final = [...before].reverse().find((g) => /决算数$/.test(g.label));
        if (!budget || !final) return;
        ctx.found("budget-variance");
        const quote = quoteOf(p, budget.start, f.end);
        const formula = `(${final.raw} − ${budget.raw}) / ${budget.raw}`;
        const order = { paragraph: pi, pass: 0, at: f.start };
        if (budget.value.isZero()) {
          if (!(final.value.isZero() && f.value.isZero()))
            ctx.report(p, "budget-variance", "warning", order, {
              quote,
              expected: "",
              formula,
              said: say(MESSAGES, "zeroBudget", { quote }),
            });
          return;
        }
        const c = compareStatedRate(f, final.value.minus(budget.value).div(budget.value), formula);
        if (c.verdict === "agree") return;
        ctx.report(p, "budget-variance", c.verdict === "rounding" ? "info" : "error", order, {
          quote,
          expected: c.expected,
          formula,
          said: say(MESSAGES, "rate", { quote, expected: c.expected, formula, stated: f.raw }),
        });
      });
    });
  },
};

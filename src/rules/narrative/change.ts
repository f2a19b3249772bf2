/**
 * narrative.change — `A万元，比上年增加/减少D万元，增长/下降R%`: 上年 = A ∓ D, R = D / 上年 (rules-reference §5).
 * The 本年 figure is the one before in the sentence, else the paragraph's or the section's first amount;
 * a 上年 of 0 may be written 100% (the convention), any other rate is a warning.
 */
import { grouped } from "../decimal";
import { say } from "../messages";
import { compareStatedRate, type ClaimCheck } from "./context";
import { firstMoney, isBudgetPair, isChangeAmount, isMoney, quoteOf } from "./reader";

/** The notes of narrative.change, by id. */
export const MESSAGES = {
  direction: {
    zh: "复核：说明中「{quote}」增减方向不一致（{amountWord}却写{rateWord}）。",
    en: 'Check: the text\'s "{quote}" states a change in one direction and a rate in the other.',
  },
  negativePrior: {
    zh: "复核：说明中「{quote}」的增加额大于本年数 {current}，上年数为负，不可能。",
    en: "Check: the text's \"{quote}\" has an increase larger than the year's figure {current}.",
  },
  zeroPrior: {
    zh: "复核：说明中「{quote}」：上年数为 0，增长率无法计算（惯例列 {convention}）。",
    en: 'Check: the text\'s "{quote}": the prior year is 0, so the rate cannot be computed.',
  },
  rate: {
    zh: "复核：说明中「{quote}」的{rateName}应为 {expected}（= {amount} / 上年 {prior}，上年 = {current} {sign} {amount}），写作 {stated}。",
    en: 'Check: the text\'s "{quote}": the rate should be {expected} (= {amount} / prior year {prior}); written {stated}.',
  },
} as const;

export const changeClaim: ClaimCheck = {
  kind: "change",
  evaluate(ctx) {
    const { paras } = ctx;
    paras.forEach((p, pi) => {
      p.figs.forEach((f, fi) => {
        if (!isChangeAmount(p, f)) return;
        const rate = p.figs.slice(fi + 1).find((g) => g.sentence === f.sentence && g.unit === "%");
        if (!rate || !/(增长|下降|增幅|降幅)$/.test(rate.label)) return;
        let base = [...p.figs.slice(0, fi)]
          .reverse()
          .find((g) => g.sentence === f.sentence && isMoney(g) && !isChangeAmount(p, g) && !isBudgetPair(g));
        if (!base) base = p.figs.slice(0, fi).find((g) => isMoney(g) && !isChangeAmount(p, g));
        if (!base) {
          const first = paras.findIndex((q) => q.section === p.section);
          for (let k = Math.max(first, 0); k < pi && !base; k++) base = firstMoney(paras[k]);
        }
        if (!base) return;
        ctx.found("change");
        const up = f.label.endsWith("增加");
        const rising = /增长|增幅/.test(rate.label);
        const prior = up ? base.value.minus(f.value) : base.value.plus(f.value);
        const quote = quoteOf(p, f.start, rate.end);
        const formula = `${f.raw} / (${base.raw} ${up ? "−" : "+"} ${f.raw})`;
        const order = { paragraph: pi, pass: 0, at: f.start };
        if (up !== rising && !f.value.isZero()) {
          ctx.report(p, "change", "error", order, {
            quote,
            expected: "",
            formula,
            said: say(MESSAGES, "direction", {
              quote,
              amountWord: up ? "增加" : "减少",
              rateWord: rising ? "增长" : "下降",
            }),
          });
          return;
        }
        if (prior.isNegative()) {
          ctx.report(p, "change", "error", order, {
            quote,
            expected: "",
            formula,
            said: say(MESSAGES, "negativePrior", { quote, current: base.raw }),
          });
          return;
        }
        if (prior.isZero()) {
          const convention = f.value.isZero() ? "0.00%" : "100.00%";
          const ok = f.value.isZero() ? rate.value.isZero() : rate.value.eq(100);
          if (!ok)
            ctx.report(p, "change", "warning", order, {
              quote,
              expected: convention,
              formula,
              said: say(MESSAGES, "zeroPrior", { quote, convention }),
            });
          return;
        }
        const c = compareStatedRate(rate, f.value.div(prior), formula);
        if (c.verdict === "agree") return;
        ctx.report(p, "change", c.verdict === "rounding" ? "info" : "error", order, {
          quote,
          expected: c.expected,
          formula,
          said: say(MESSAGES, "rate", {
            quote,
            rateName: rising ? "增长率" : "下降率",
            expected: c.expected,
            amount: f.raw,
            prior: grouped(prior, base.decimals),
            current: base.raw,
            sign: up ? "−" : "+",
            stated: rate.raw,
          }),
        });
      });
    });
  },
};

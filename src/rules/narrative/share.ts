/**
 * narrative.share — `A万元，占P%`: P = A / the total the sentence breaks down (rules-reference §5): the
 * figure before 其中, a named total (占本年支出合计的…), or for a numbered list the total stated just
 * before the list.
 */
import { say } from "../messages";
import { compareStatedRate, type ClaimCheck } from "./context";
import { firstMoney, isChangeAmount, isMoney, quoteOf, stripYear, type Fig } from "./reader";

/** The notes of narrative.share, by id. */
export const MESSAGES = {
  zeroTotal: {
    zh: "复核：说明中「{quote}」：总数为 0，占比无法计算。",
    en: 'Check: the text\'s "{quote}": the total is 0; the share cannot be computed.',
  },
  rate: {
    zh: "复核：说明中「{quote}」的占比应为 {expected}（= {formula}），写作 {stated}。",
    en: 'Check: the text\'s "{quote}": the share should be {expected} (= {formula}); written {stated}.',
  },
} as const;

export const shareClaim: ClaimCheck = {
  kind: "share",
  evaluate(ctx) {
    const { paras } = ctx;
    paras.forEach((p, pi) => {
      p.figs.forEach((f, fi) => {
        if (f.unit !== "%" || !/^占/.test(f.label)) return;
        const part = [...p.figs.slice(0, fi)]
          .reverse()
          .find((g) => g.sentence === f.sentence && isMoney(g) && !isChangeAmount(p, g));
        if (!part) return;
        const named = /^占(.+?)的?$/.exec(f.label)?.[1];
        let base: Fig | undefined;
        if (named) {
          const key = named.replace(/的$/, "");
          for (let k = pi; k >= 0 && !base; k--) {
            const q = paras[k];
            const cands = q.figs.filter(
              (g) => isMoney(g) && (k < pi || g.start < part.start) && stripYear(g.label).endsWith(key),
            );
            base = cands[cands.length - 1];
          }
        } else {
          const at = p.text.lastIndexOf("其中", part.start);
          if (at >= 0) base = [...p.figs].reverse().find((g) => g.end <= at && isMoney(g) && !isChangeAmount(p, g));
          else if (p.numbered) {
            for (let k = pi - 1; k >= 0 && !base; k--) {
              const q = paras[k];
              if (q.numbered || q.heading) continue;
              base = firstMoney(q);
              if (!base) break;
            }
          }
        }
        if (!base) return;
        ctx.found("share");
        const quote = quoteOf(p, part.start, f.end);
        const formula = `${part.raw} / ${base.raw}`;
        const order = { paragraph: pi, pass: 0, at: f.start };
        if (base.value.isZero()) {
          if (!part.value.isZero() || !f.value.isZero())
            ctx.report(p, "share", "warning", order, {
              quote,
              expected: "",
              formula,
              said: say(MESSAGES, "zeroTotal", { quote }),
            });
          return;
        }
        const c = compareStatedRate(f, part.value.div(base.value), formula);
        if (c.verdict === "agree") return;
        ctx.report(p, "share", c.verdict === "rounding" ? "info" : "error", order, {
          quote,
          expected: c.expected,
          formula,
          said: say(MESSAGES, "rate", { quote, expected: c.expected, formula, stated: f.raw }),
        });
      });
    });
  },
};

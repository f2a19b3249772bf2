/**
 * narrative.sum — a total and its parts (rules-reference §5):
 * - `A万元，其中：B万元，C万元…` with two or more parts: A = Σ parts (舍位 band), in amounts or counts (辆, 个,
 *   批次 …); a 其中 that opens a new sentence belongs to the one amount of the sentence before; parts in
 *   parentheses or under a nested 其中 belong to the part before them, never to this sum; no part may be
 *   larger than its total;
 * - named identities across the sentences and paragraphs of one section (NAMED_IDENTITIES, data):
 *   基本支出 = 人员经费 + 公用经费.
 */
import { compareSum } from "../compare";
import { grouped } from "../decimal";
import { say } from "../messages";
import type { ClaimCheck } from "./context";
import { isBudgetPair, isChangeAmount, isCount, isMoney, parenDepth, quoteOf, type Fig, type Para } from "./reader";

/**
 * Identities the text states across sentences and paragraphs of one section: a named total and its named
 * parts. Data: add a line per identity.
 */
export const NAMED_IDENTITIES: ReadonlyArray<{ total: RegExp; parts: RegExp[]; name: string; nameEn: string }> = [
  {
    total: /基本支出(?:决算数)?为?$/,
    parts: [/^(?:其中[:：]?)?人员经费(?:支出)?为?$/, /^(?:其中[:：]?)?公用经费(?:支出)?为?$/],
    name: "人员经费与公用经费",
    nameEn: "the sum of personnel and public expenses (人员经费 + 公用经费)",
  },
];

/** The notes of narrative.sum, by id. */
export const MESSAGES = {
  sum: {
    zh: "复核：说明中「{quote}」应为其中各项之和 {expected}（= {formula}），写作 {stated}。",
    en: 'Check: the text\'s "{quote}" should be the sum of its parts {expected} (= {formula}); written {stated}.',
  },
  partOverTotal: {
    zh: "复核：说明中「{quote}」：其中一项 {part} 大于总数 {total}，不可能。",
    en: 'Check: the text\'s "{quote}" has a part {part} larger than its total {total}.',
  },
  identity: {
    zh: "复核：说明中「{quote}」应为{identity}之和 {expected}（= {formula}），写作 {stated}。",
    en: 'Check: the text\'s "{quote}" should be {identityEn}, {expected} (= {formula}); written {stated}.',
  },
} as const;

/** After every paragraph: identities span paragraphs. */
const AFTER_ALL = Number.MAX_SAFE_INTEGER;

export const sumClaim: ClaimCheck = {
  kind: "sum",
  evaluate(ctx) {
    ctx.paras.forEach((p, pi) => sumsOf(ctx, p, pi));
    identities(ctx);
  },
};

function sumsOf(ctx: Parameters<ClaimCheck["evaluate"]>[0], p: Para, pi: number): void {
  const qizhong = [...p.text.matchAll(/其中/g)].map((m) => m.index!);
  const candidate = (g: Fig) => (isMoney(g) || isCount(g)) && !isChangeAmount(p, g);
  for (const at of qizhong) {
    let total = [...p.figs].reverse().find((g) => g.end <= at && candidate(g));
    if (!total) continue;
    // 其中 opening a new sentence (“……收入总计4,295.11万元。其中：……”): its total is the one amount the
    // sentence before states (besides changes and budget pairs); with several, which one is meant is unclear.
    const opensSentence = p.text[at - 1] === "。";
    if (opensSentence) {
      const t = total;
      const before = p.figs.filter((g) => g.end <= at && g.sentence === t.sentence && candidate(g) && !isBudgetPair(g));
      if (before.length !== 1 || p.sentences[t.sentence + 1] !== at) continue;
      total = before[0];
    } else if (/[。]/.test(p.text.slice(total.end, at))) continue;
    const sum = total;
    const sentence = opensSentence ? sum.sentence + 1 : sum.sentence;
    const depth = parenDepth(p.text, at);
    const parts = p.figs.filter(
      (g) =>
        g.start > at &&
        g.sentence === sentence &&
        g.unit === sum.unit &&
        !isChangeAmount(p, g) &&
        !isBudgetPair(g) &&
        parenDepth(p.text, g.start) === depth,
    );
    // Its own parts: no other 其中 of the same depth between this one and the part.
    const own = parts.filter((g) => !qizhong.some((q) => q > at && q < g.start && parenDepth(p.text, q) === depth));
    const order = { paragraph: pi, pass: 1, at };
    // A part can never exceed its total (其中授予小微企业合同 ≤ 中小企业合同).
    const over = own.find((g) => g.value.gt(sum.value));
    if (over) {
      ctx.found("sum");
      const quote = quoteOf(p, sum.start, over.end);
      ctx.report(p, "sum", "error", order, {
        quote,
        expected: `≤ ${sum.raw}`,
        formula: `${over.raw} > ${sum.raw}`,
        said: say(MESSAGES, "partOverTotal", { quote, part: over.raw, total: sum.raw }),
      });
      continue;
    }
    if (own.length < 2) continue;
    ctx.found("sum");
    const cmp = compareSum(
      { kind: "number", value: sum.value, decimals: sum.decimals },
      own.map((g) => g.value),
    );
    if (cmp.verdict === "agree") continue;
    const expected = grouped(cmp.sum, sum.decimals);
    const formula = own.map((g) => g.raw.replace(/万元|元/, "")).join(" + ");
    const quote = quoteOf(p, sum.start, sum.end);
    ctx.report(p, "sum", cmp.verdict === "rounding" ? "info" : "error", order, {
      quote,
      expected,
      formula,
      said: say(MESSAGES, "sum", { quote, expected, formula, stated: sum.raw }),
    });
  }
}

/**
 * Named identities across the sentences and paragraphs of one section (六、…基本支出 X，其中：人员经费 Y。
 * 公用经费 Z。): the first total and the first of each part after it; a 其中 sum of the same sentence already
 * checked them.
 */
function identities(ctx: Parameters<ClaimCheck["evaluate"]>[0]): void {
  const sections = new Map<string, Para[]>();
  for (const p of ctx.paras) if (p.section) sections.set(p.section, [...(sections.get(p.section) ?? []), p]);
  let seq = 0;
  for (const list of sections.values()) {
    const figs = list.flatMap((p) => p.figs.filter((f) => isMoney(f) && !isChangeAmount(p, f)).map((f) => ({ p, f })));
    for (const identity of NAMED_IDENTITIES) {
      const t = figs.findIndex(({ f }) => identity.total.test(f.label));
      if (t < 0) continue;
      const total = figs[t];
      const parts = identity.parts.map((re) => figs.slice(t + 1).find(({ f }) => re.test(f.label)));
      if (parts.some((x) => !x || x.f.unit !== total.f.unit)) continue;
      const found = parts as Array<{ p: Para; f: Fig }>;
      if (found.every((x) => x.p === total.p && x.f.sentence === total.f.sentence)) continue;
      ctx.found("sum");
      const cmp = compareSum(
        { kind: "number", value: total.f.value, decimals: total.f.decimals },
        found.map((x) => x.f.value),
      );
      if (cmp.verdict === "agree") continue;
      const expected = grouped(cmp.sum, total.f.decimals);
      const formula = found.map((x) => `${x.f.label}${x.f.raw.replace(/万元|元/, "")}`).join(" + ");
      const quote = quoteOf(total.p, total.f.start, total.f.end);
      ctx.report(
        total.p,
        "sum",
        cmp.verdict === "rounding" ? "info" : "error",
        { paragraph: AFTER_ALL, pass: 3, at: seq++ },
        {
          quote,
          expected,
          formula,
          said: say(MESSAGES, "identity", {
            quote,
            identity: identity.name,
            identityEn: identity.nameEn,
            expected,
            formula,
            stated: total.f.raw,
          }),
        },
      );
    }
  }
}

/**
 * The ties a self-evaluation table's text still hides (issue "Findings an auditor can trust"):
 *
 * - `table.text-tie`: a figure the 实际完成情况 text quotes with a unit (人, 人次, 个, %, 万元 …) against the
 *   actual of the indicator it names (the text and the row share a word of three characters or more and
 *   the unit): "共惠及教职工736人" against 「参与体检教职工人数」 =608人 (seed 000).
 * - `table.cost-sum`: the 成本指标 actuals in 万元 against 全年执行数, when their targets cover the whole
 *   budget (Σ targets = 全年预算数): what was spent, item by item, is what was executed.
 *
 * Both are warnings: the text or the items may be worded loosely; the auditor decides.
 */
import { Decimal } from "../decimal";
import { cellText, normalizeText, normalizeUnit, unitFactor } from "../parse";
import { quietAmount, quietPercent, rowContexts } from "../rows";
import type { IndicatorRow } from "../types";
import { say } from "../messages";
import { counted, report, shown, type Check } from "./common";

/** The notes of table.text-tie and table.cost-sum, by id. */
export const MESSAGES = {
  textVsActual: {
    zh: "复核：实际完成情况写「{quote}」，而指标「{indicator}」业绩值为 {actual}，两者不符。",
    en: 'Check: the text of what was done says "{quote}", while the indicator "{indicator}" states {actual}.',
  },
  textQuotesTarget: {
    zh: "复核：实际完成情况写「{quote}」，而指标「{indicator}」业绩值为 {actual}（文字所写为目标值），两者不符。",
    en: 'Check: the text of what was done says "{quote}", while the indicator "{indicator}" states {actual} (the text quotes the target).',
  },
  textVsFund: {
    zh: "复核：实际完成情况写「{quote}」，而本表{figure}为 {stated}，两者不符。",
    en: 'Check: the text of what was done says "{quote}", while the table\'s {figureEn} is {stated}.',
  },
  costSum: {
    zh: "复核：成本指标的目标值合计等于全年预算数（{targets} 万元），其业绩值合计为 {actuals} 万元（= {terms}），与全年执行数 {executed} 不符。",
    en: "Check: the cost indicators' targets add up to the full-year budget ({targets}), but their actuals add up to {actuals} (= {terms}), not the amount executed {executed}.",
  },
} as const;

/** A figure with its unit, as texts quote it. */
const FIGURE_RE =
  /(\d[\d,]*(?:\.\d+)?)\s*(万元|元|万人次|万人|人次|人|个|次|项|家|名|套|台|门|篇|所|场|期|户|万亩|亩|公里|千米|米|吨|辆|间|册|件|%)/g;

/** Where a clause begins (the marks `before` is cut at) and where a sentence ends, as character codes. */
const CLAUSE_MARKS = new Set([..."，,。；;：:、（("].map((c) => c.charCodeAt(0)));
const SENTENCE_MARKS = new Set([..."。；;"].map((c) => c.charCodeAt(0)));

/** The index of the last of `marks` in text[0, end), or -1. */
function lastOf(text: string, end: number, marks: ReadonlySet<number>): number {
  for (let i = end - 1; i >= 0; i--) if (marks.has(text.charCodeAt(i))) return i;
  return -1;
}

/** The index of the first of `marks` in text[start, …), or -1. */
function firstOf(text: string, start: number, marks: ReadonlySet<number>): number {
  for (let i = start; i < text.length; i++) if (marks.has(text.charCodeAt(i))) return i;
  return -1;
}

/**
 * Longest run of characters two strings share; of several as long, the one that starts first in `a`.
 * Dynamic programming over the common prefixes of a[i…] and b[j…] (from the end of `a`): O(|a|·|b|).
 */
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);
export function commonRun(a: string, b: string): string {
  const m = b.length;
  if (rowA.length < m + 1) {
    rowA = new Int32Array(2 * (m + 1));
    rowB = new Int32Array(2 * (m + 1));
  }
  // Two rows of the table, reused between calls; the first one read must be zeros.
  let prev = rowA;
  let cur = rowB;
  prev.fill(0, 0, m + 1);
  let bestStart = 0;
  let bestLength = 0;
  for (let i = a.length - 1; i >= 0; i--) {
    const ch = a.charCodeAt(i);
    let longest = 0;
    for (let j = m - 1; j >= 0; j--) {
      const n = b.charCodeAt(j) === ch ? prev[j + 1] + 1 : 0;
      cur[j] = n;
      if (n > longest) longest = n;
    }
    cur[m] = 0;
    // Going from the end, ">=" keeps the earliest start among the longest runs.
    if (longest > 0 && longest >= bestLength) {
      bestLength = longest;
      bestStart = i;
    }
    const t = prev;
    prev = cur;
    cur = t;
  }
  return a.slice(bestStart, bestStart + bestLength);
}

/** The words of a name that can tie it to a text: no brackets, units or generic words. */
function core(name: string): string {
  return name
    .replace(/[“”"'‘’「」]/g, "")
    .replace(/[（(][^）)]*[）)]/g, "")
    .replace(/指标\d*[：:]?/g, "")
    .replace(/[\s，,。；;：:、]/g, "");
}

const GENERIC = /^(完成|项目|资金|数量|人数|支出|计划|年度|实施|建设|开展|工作|保障)+$/;

export const textTieCheck: Check = {
  id: "table.text-tie",
  evaluate(t, ctx) {
    const cell = t.achievedText;
    if (!cell) return;
    const text = normalizeText(cellText(cell)).replace(/[“”"'‘’「」]/g, "");
    const rows = rowContexts(t).filter(({ e }) => e.kind === "quantity");
    if (rows.length === 0) return;
    // Each figure goes to the indicator it names best; each indicator keeps the figure that names it best
    // (学生证书获取率 97.7% wins over 师资培训证书获取率 100% for 「学生证书获取率」).
    const claims = new Map<
      IndicatorRow,
      { figure: string; value: Decimal; unit: string; run: number; quote: string; ambiguous: boolean }
    >();
    // Each row's name without brackets, units or generic words, once per table (not once per figure).
    const cores = new Map(rows.map((r) => [r.row, core(r.row.name)]));
    // The rows a figure in a unit can name (the row's unit converts to it), once per unit of the text.
    const byUnit = new Map<string, Array<{ row: IndicatorRow; name: string }>>();
    const namedIn = (unit: string) => {
      let out = byUnit.get(unit);
      if (!out) {
        out = rows
          .filter((r) => r.e.kind === "quantity" && !!unitFactor(r.e.unit, unit) && !(r.e.unit === "" && unit !== ""))
          .map((r) => ({ row: r.row, name: cores.get(r.row)! }));
        byUnit.set(unit, out);
      }
      return out;
    };
    for (const m of text.matchAll(FIGURE_RE)) {
      const unit = normalizeUnit(m[2]);
      // The words before the figure, back to the last punctuation (the whole sentence is found below, for
      // a figure that names a row: by scanning from the figure, not by splitting the text for every figure).
      const at = m.index!;
      const before = text.slice(lastOf(text, at, CLAUSE_MARKS) + 1, at);
      // A rate per head (每人, 人均) or one item of a list (等3个) is not the indicator's total.
      if (/每|人均|平均/.test(before) || /等$/.test(before)) continue;
      // The rows the clause names best; more than one at the same length is ambiguous (自治区级 and
      // 自治州级「进位之星」奖牌 against "进位之星6个").
      const scored = namedIn(unit)
        .map((r) => ({ row: r.row, name: r.name, run: commonRun(before, r.name) }))
        .filter((x) => x.run.length >= 3 && !GENERIC.test(x.run));
      if (scored.length === 0) continue;
      const top = Math.max(...scored.map((x) => x.run.length));
      const named = scored.filter((x) => x.run.length === top);
      if (named.length !== 1) continue;
      const { name, run } = named[0];
      // The rest of the indicator's name must be in the sentence too (学生证书获取率 is not 师资培训证书获取率).
      const end = firstOf(text, at, SENTENCE_MARKS);
      const sentence = text.slice(lastOf(text, at, SENTENCE_MARKS) + 1, end < 0 ? text.length : end);
      const [pre, post] = [name.slice(0, name.indexOf(run)), name.slice(name.indexOf(run) + run.length)];
      const rest = (x: string) => x.replace(/(人数|次数|个数|数量|数|率|人次|费用|投入|情况)$/, "");
      if (rest(pre).length >= 2 && !sentence.includes(rest(pre))) continue;
      if (rest(post).length >= 2 && !sentence.includes(rest(post))) continue;
      const best = { row: named[0].row, run };
      const prior = claims.get(best.row);
      if (prior && prior.run > best.run.length) continue;
      // The figure's value, read only for a figure that names a row.
      const value = new Decimal(m[1].replace(/,/g, ""));
      // Two figures that name the row equally well ("进位之星6个（包含自治区级1个）"): nothing to tie it to.
      const ambiguous = !!prior && prior.run === best.run.length && (prior.ambiguous || !prior.value.eq(value));
      claims.set(best.row, {
        figure: m[0],
        value,
        unit,
        run: best.run.length,
        quote: `${before.slice(-12)}${m[0]}`,
        ambiguous,
      });
    }
    for (const [row, c] of claims) {
      if (c.ambiguous) continue;
      const ctxRow = rows.find((r) => r.row === row)!;
      if (ctxRow.e.kind !== "quantity") continue;
      const e = ctxRow.e;
      const inTarget = c.value.mul(unitFactor(e.unit, c.unit)!);
      counted(ctx, cell, row.actual);
      if (inTarget.eq(e.b)) continue;
      report(ctx, "table.text-tie", "warning", cell, {
        expected: shown(row.actual),
        formula: `${c.figure} ≠ ${shown(row.actual)}`,
        ...say(MESSAGES, inTarget.eq(e.a) ? "textQuotesTarget" : "textVsActual", {
          quote: c.quote,
          indicator: row.name,
          actual: shown(row.actual),
        }),
      });
    }
  },
};

/** The text's own statement of the fund block: 全年预算数为X万元, 全年执行数为Y万元, (总)预算执行率为Z%. */
const FUND_STATEMENTS: ReadonlyArray<{
  key: "budgetFull" | "executed" | "rate";
  re: RegExp;
  name: string;
  nameEn: string;
}> = [
  {
    key: "budgetFull",
    re: /全年预算(?:数|总额)为?([\d,]+(?:\.\d+)?)万元/,
    name: "全年预算数",
    nameEn: "full-year budget",
  },
  {
    key: "executed",
    re: /全年执行(?:数|总额)为?([\d,]+(?:\.\d+)?)万元/,
    name: "全年执行数",
    nameEn: "amount executed",
  },
  { key: "rate", re: /预算执行率(?:为|达到|达)?([\d.]+)%/, name: "执行率", nameEn: "execution rate" },
];

/**
 * table.text-tie, fund part: the 实际完成情况 text stating the year's 全年预算数, 全年执行数 or 执行率 against the
 * fund block's own cells (seed 000's unit table: "全年预算数为26,854.92万元，全年执行数为26,843.22万元，总预算执行率为99.96%").
 */
export const fundTextTieCheck: Check = {
  id: "table.text-tie",
  evaluate(t, ctx) {
    const cell = t.achievedText;
    const fund = t.fund;
    if (!cell || !fund?.total) return;
    const text = normalizeText(cellText(cell)).replace(/[\s,]/g, (c) => (c === "," ? "," : ""));
    for (const s of FUND_STATEMENTS) {
      const m = s.re.exec(text);
      if (!m) continue;
      const target = s.key === "rate" ? fund.rate : fund.total[s.key];
      if (!target) continue;
      const statedText = shown(target);
      const textValue = new Decimal(m[1].replace(/,/g, ""));
      let same: boolean;
      if (s.key === "rate") {
        const r = quietPercent(target);
        if (!r) continue;
        same = r.ratio.mul(100).toDecimalPlaces(r.decimals).eq(textValue.toDecimalPlaces(r.decimals));
      } else {
        const a = quietAmount(target);
        if (!a) continue;
        same = a.value.eq(textValue);
      }
      counted(ctx, cell, target);
      if (same) continue;
      report(ctx, "table.text-tie", "warning", cell, {
        expected: statedText,
        formula: `${m[0]} ≠ ${statedText}`,
        ...say(MESSAGES, "textVsFund", { quote: m[0], figure: s.name, figureEn: s.nameEn, stated: statedText }),
      });
    }
  },
};

export const costSumCheck: Check = {
  id: "table.cost-sum",
  evaluate(t, ctx) {
    const budgetCell = t.fund?.total?.budgetFull;
    const executedCell = t.fund?.total?.executed;
    const budget = quietAmount(budgetCell);
    const executed = quietAmount(executedCell);
    if (!budget || !executed || !executedCell) return;
    const costs = rowContexts(t).filter(
      ({ row, e }) => /成本/.test(row.level2) && e.kind === "quantity" && /^万元$/.test(e.unit || ""),
    );
    if (costs.length === 0) return;
    let targets = new Decimal(0);
    let actuals = new Decimal(0);
    for (const { e } of costs) {
      if (e.kind !== "quantity") return;
      targets = targets.plus(e.a);
      actuals = actuals.plus(e.b);
    }
    // Only when the cost items cover the whole budget.
    if (targets.minus(budget.value).abs().gt("0.01")) return;
    counted(ctx, executedCell, ...costs.map((c) => c.row.actual));
    const diff = actuals.minus(executed.value);
    if (diff.abs().lte(new Decimal("0.005").mul(costs.length + 1))) return;
    const terms = costs.map(({ e }) => (e.kind === "quantity" ? e.b.toFixed() : "")).join(" + ");
    report(ctx, "table.cost-sum", "warning", executedCell, {
      expected: actuals.toFixed(),
      formula: terms,
      ...say(MESSAGES, "costSum", {
        targets: targets.toFixed(),
        actuals: actuals.toFixed(),
        terms,
        executed: shown(executedCell),
      }),
    });
  },
};

export const TEXT_CHECKS: Check[] = [textTieCheck, fundTextTieCheck, costSumCheck];

/**
 * The 公开说明 text (rules-reference §5): the claims its sentences make, recomputed.
 *
 * - `narrative.share`           `A万元，占P%`: P = A / the total the sentence breaks down (the figure before
 *                               其中, a named total such as 占本年支出合计的, or for a numbered list the total
 *                               stated just before the list);
 * - `narrative.change`          `A万元，比上年增加/减少D万元，增长/下降R%`: 上年 = A ∓ D, R = D / 上年 (the
 *                               本年 figure is the one before in the sentence, else the paragraph's or the
 *                               section's first figure); a 上年 of 0 may be written 100%;
 * - `narrative.sum`             `A万元，其中：B万元，C万元…` with two or more parts: A = Σ parts (舍位 band);
 * - `narrative.budget-variance` `预算数X万元，决算数Y万元，预决算差异率R%`: R = (Y − X) / X;
 * - `narrative.table-tie`       a figure of the text against the table cell it quotes (本年收入 ↔ 01 本年收入合计,
 *                               基本支出 ↔ 03 合计 基本支出, each 类/款/项 ↔ 05, 三公 ↔ 09 …) when the tables are there.
 *
 * Figures are compared at the precision written, one unit of the last digit off being rounding (info).
 * Pure: text in, claims and findings out; the caller says which cell each paragraph sits in.
 */
import { toA1 } from "./address";
import { newContext, readAmount } from "./accounts/amounts";
import { compareRatio, compareSum } from "./compare";
import { Decimal, grouped, HUNDRED, roundHalfUp } from "./decimal";
import { normalizeText } from "./parse";
import { accountsName, type AccountsLine } from "./accounts/types";
import type { PlacedAccountsTable } from "./accounts/ties";
import type { Finding, RuleId, Severity, StatedCell } from "./types";

export type ClaimKind = "share" | "change" | "sum" | "budget-variance" | "table-tie";
export const CLAIM_KINDS: readonly ClaimKind[] = ["share", "change", "sum", "budget-variance", "table-tie"];

/** One paragraph of the text and the cell that holds it. */
export interface NarrativeParagraph {
  text: string;
  cell: StatedCell;
}

interface Fig {
  value: Decimal;
  decimals: number;
  /** 万元 / 元 (money), % (a rate), or a count unit (辆, 个, 人次, 批次 …). */
  unit: "万元" | "元" | "%" | CountUnit;
  start: number;
  end: number;
  /** Text between the previous delimiter and the number, e.g. 财政拨款收入, 比上年决算减少, 占. */
  label: string;
  sentence: number;
  raw: string;
}

interface Para {
  index: number;
  text: string;
  figs: Fig[];
  section: string;
  /** Sentence start offsets. */
  sentences: number[];
  numbered: boolean;
  heading: boolean;
}

/** Claims found and how many disagree, per kind. */
export type ClaimCounts = Record<ClaimKind, { found: number; disagree: number }>;

export interface NarrativeResult {
  counts: ClaimCounts;
  /** Findings with the index of the paragraph they sit on. */
  findings: Array<{ paragraph: number; finding: Finding }>;
  checks: number;
}

/** Count units the text states (公务用车保有量12辆, 出国团组2个, 接待批次15批次). */
type CountUnit = "辆" | "个" | "人次" | "人" | "批次" | "批" | "次" | "家" | "台" | "套";
const FIG_RE = /(-?\d[\d,]*(?:\.\d+)?)(万元|元|%|辆|人次|批次|个|人|批|次|家|台|套)/g;

/**
 * Identities the text states across sentences and paragraphs of one section: a named total and its named
 * parts (基本支出 = 人员经费 + 公用经费). Data: add a line per identity.
 */
const NAMED_IDENTITIES: ReadonlyArray<{ total: RegExp; parts: RegExp[]; name: string; nameEn: string }> = [
  {
    total: /基本支出(?:决算数)?为?$/,
    parts: [/^(?:其中[:：]?)?人员经费(?:支出)?为?$/, /^(?:其中[:：]?)?公用经费(?:支出)?为?$/],
    name: "人员经费与公用经费",
    nameEn: "the sum of personnel and public expenses (人员经费 + 公用经费)",
  },
];

/** Parentheses depth at each position of a text: a part inside (…) belongs to the part before it. */
function parenDepth(text: string, pos: number): number {
  let d = 0;
  for (let i = 0; i < pos; i++) {
    if (text[i] === "（" || text[i] === "(") d++;
    else if ((text[i] === "）" || text[i] === ")") && d > 0) d--;
  }
  return d;
}
const DELIMS = "，,。；;：:、";

/** Normalises a paragraph for reading: full-width forms, and no whitespace (PDF text breaks numbers). */
export function normalizeParagraph(text: string): string {
  return normalizeText(text).replace(/\s+/g, "");
}

function tokenize(index: number, text: string, section: string): Para {
  const t = normalizeParagraph(text);
  const sentences = [0];
  for (let i = 0; i < t.length; i++) if (t[i] === "。" && i + 1 < t.length) sentences.push(i + 1);
  const sentenceOf = (pos: number) => sentences.filter((s) => s <= pos).length - 1;
  const figs: Fig[] = [];
  let prevEnd = 0;
  for (const m of t.matchAll(FIG_RE)) {
    const start = m.index!;
    if (start > 0 && /[\d.]/.test(t[start - 1])) continue;
    let from = start;
    while (from > prevEnd && !DELIMS.includes(t[from - 1])) from--;
    const numText = m[1].replace(/,/g, "");
    const decimals = numText.includes(".") ? numText.split(".")[1].length : 0;
    let value: Decimal;
    try {
      value = new Decimal(numText);
    } catch {
      continue;
    }
    figs.push({
      value,
      decimals,
      unit: m[2] as Fig["unit"],
      start,
      end: start + m[0].length,
      label: t.slice(from, start),
      sentence: sentenceOf(start),
      raw: m[0],
    });
    prevEnd = start + m[0].length;
  }
  return {
    index,
    text: t,
    figs,
    section,
    sentences,
    numbered: /^\d+[.．、]/.test(t),
    heading:
      /^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|第[一二三四五六七八九十]+部分)/.test(t) &&
      figs.length === 0,
  };
}

const isMoney = (f: Fig) => f.unit === "万元" || f.unit === "元";
const isCount = (f: Fig) => !isMoney(f) && f.unit !== "%";
const isChangeAmount = (p: Para, f: Fig) =>
  isMoney(f) && /(增加|减少)$/.test(f.label) && /上年|同比/.test(p.text.slice(p.sentences[f.sentence], f.start));
const isBudgetPair = (f: Fig) => /(预算数|决算数)$/.test(f.label);

function zeroCounts(): ClaimCounts {
  return Object.fromEntries(CLAIM_KINDS.map((k) => [k, { found: 0, disagree: 0 }])) as ClaimCounts;
}

/**
 * Parses and checks every claim of the text.
 * Inputs: the paragraphs in reading order (each with its cell), the workbook's 部门决算 tables (empty when
 * there are none: no table ties), the profile id findings are reported under, and the index of the
 * narrative in its sheet's report. Output: claim counts per kind, the findings with their paragraph, and
 * the number of comparisons. Never throws on content.
 */
export function checkNarrative(
  paragraphs: NarrativeParagraph[],
  tables: PlacedAccountsTable[],
  profile: string,
  tableIndex: number,
): NarrativeResult {
  const counts = zeroCounts();
  const findings: NarrativeResult["findings"] = [];
  let checks = 0;
  let section = "";
  const paras: Para[] = paragraphs.map((p, i) => {
    const n = normalizeParagraph(p.text);
    if (/^[一二三四五六七八九十]+、/.test(n)) section = n;
    return tokenize(i, p.text, section);
  });

  const report = (
    p: Para,
    kind: ClaimKind,
    severity: Severity,
    quote: string,
    expected: string,
    formula: string,
    zh: string,
    en: string,
    related?: string[],
  ) => {
    if (severity !== "info") counts[kind].disagree++;
    const cell = paragraphs[p.index].cell;
    findings.push({
      paragraph: p.index,
      finding: {
        rule: `narrative.${kind}` as RuleId,
        severity,
        category: "arithmetic",
        row: cell.row,
        col: cell.col,
        cell: toA1(cell.row, cell.col),
        stated: quote,
        expected,
        formula,
        message: `${severity === "info" ? "复核（舍入差异）" : "复核"}：说明中「${quote}」${zh}`,
        messageEn: `${severity === "info" ? "Check (rounding)" : "Check"}: the text's "${quote}" ${en}`,
        profile,
        table: tableIndex,
        ...(related ? { related } : {}),
      },
    });
  };
  /**
   * A stated percentage against the recomputed ratio (compareRatio, rules-reference §6): nothing when it
   * agrees, info when one unit of the last digit off, else an error quoting the recomputation.
   */
  const reportRate = (
    p: Para,
    kind: ClaimKind,
    stated: Fig,
    r: Decimal,
    quote: string,
    formula: string,
    what: { zh: string; en: string },
    detail: { zh: string; en: string },
  ) => {
    const c = compareRatio({ kind: "percent", ratio: stated.value.div(HUNDRED), decimals: stated.decimals }, [
      { ratio: r, formula, reading: "primary" },
    ]);
    if (c.verdict === "agree") return;
    report(
      p,
      kind,
      c.verdict === "rounding" ? "info" : "error",
      quote,
      c.expected,
      formula,
      `的${what.zh}应为 ${c.expected}（= ${detail.zh}），写作 ${stated.raw}。`,
      `: the ${what.en} should be ${c.expected} (= ${detail.en}); written ${stated.raw}.`,
    );
  };
  const quoteOf = (p: Para, from: number, to: number) => {
    let a = from;
    while (a > 0 && !"，。；;".includes(p.text[a - 1]) && from - a < 40) a--;
    return p.text.slice(a, to);
  };
  const firstMoney = (p: Para) => p.figs.find((f) => isMoney(f) && !isChangeAmount(p, f));

  paras.forEach((p, pi) => {
    for (let fi = 0; fi < p.figs.length; fi++) {
      const f = p.figs[fi];
      // ——— change
      if (isChangeAmount(p, f)) {
        const rate = p.figs.slice(fi + 1).find((g) => g.sentence === f.sentence && g.unit === "%");
        if (!rate || !/(增长|下降|增幅|降幅)$/.test(rate.label)) continue;
        let base = [...p.figs.slice(0, fi)]
          .reverse()
          .find((g) => g.sentence === f.sentence && isMoney(g) && !isChangeAmount(p, g) && !isBudgetPair(g));
        if (!base) base = p.figs.slice(0, fi).find((g) => isMoney(g) && !isChangeAmount(p, g));
        if (!base) {
          const first = paras.findIndex((q) => q.section === p.section);
          for (let k = Math.max(first, 0); k < pi && !base; k++) base = firstMoney(paras[k]);
        }
        if (!base) continue;
        counts.change.found++;
        checks++;
        const up = f.label.endsWith("增加");
        const rising = /增长|增幅/.test(rate.label);
        const prior = up ? base.value.minus(f.value) : base.value.plus(f.value);
        const quote = quoteOf(p, f.start, rate.end);
        const formula = `${f.raw} / (${base.raw} ${up ? "−" : "+"} ${f.raw})`;
        if (up !== rising && !f.value.isZero()) {
          report(
            p,
            "change",
            "error",
            quote,
            "",
            formula,
            `增减方向不一致（${up ? "增加" : "减少"}却写${rising ? "增长" : "下降"}）。`,
            `states a change in one direction and a rate in the other.`,
          );
          continue;
        }
        if (prior.isNegative()) {
          report(
            p,
            "change",
            "error",
            quote,
            "",
            formula,
            `的增加额大于本年数 ${base.raw}，上年数为负，不可能。`,
            `has an increase larger than the year's figure ${base.raw}.`,
          );
          continue;
        }
        if (prior.isZero()) {
          const ok = f.value.isZero() ? rate.value.isZero() : rate.value.eq(100);
          if (!ok)
            report(
              p,
              "change",
              "warning",
              quote,
              f.value.isZero() ? "0.00%" : "100.00%",
              formula,
              `：上年数为 0，增长率无法计算（惯例列 ${f.value.isZero() ? "0.00%" : "100.00%"}）。`,
              `: the prior year is 0, so the rate cannot be computed.`,
            );
          continue;
        }
        const priorText = grouped(prior, base.decimals);
        reportRate(
          p,
          "change",
          rate,
          f.value.div(prior),
          quote,
          formula,
          { zh: `${rising ? "增长" : "下降"}率`, en: "rate" },
          {
            zh: `${f.raw} / 上年 ${priorText}，上年 = ${base.raw} ${up ? "−" : "+"} ${f.raw}`,
            en: `${f.raw} / prior year ${priorText}`,
          },
        );
        continue;
      }
      // ——— budget variance
      if (f.unit === "%" && /差异率$/.test(f.label)) {
        const before = p.figs.slice(0, fi).filter((g) => g.sentence === f.sentence);
        const budget = [...before].reverse().find((g) => /预算数$/.test(g.label));
        const final = [...before].reverse().find((g) => /决算数$/.test(g.label));
        if (!budget || !final) continue;
        counts["budget-variance"].found++;
        checks++;
        const quote = quoteOf(p, budget.start, f.end);
        const formula = `(${final.raw} − ${budget.raw}) / ${budget.raw}`;
        if (budget.value.isZero()) {
          const ok = final.value.isZero() ? f.value.isZero() : false;
          if (!ok)
            report(
              p,
              "budget-variance",
              "warning",
              quote,
              "",
              formula,
              `：预算数为 0，差异率无法计算。`,
              `: the budget is 0; the variance rate cannot be computed.`,
            );
          continue;
        }
        const r = final.value.minus(budget.value).div(budget.value);
        reportRate(
          p,
          "budget-variance",
          f,
          r,
          quote,
          formula,
          { zh: "预决算差异率", en: "budget variance" },
          {
            zh: formula,
            en: formula,
          },
        );
        continue;
      }
      // ——— share
      if (f.unit === "%" && /^占/.test(f.label)) {
        const part = [...p.figs.slice(0, fi)]
          .reverse()
          .find((g) => g.sentence === f.sentence && isMoney(g) && !isChangeAmount(p, g));
        if (!part) continue;
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
        if (!base) continue;
        counts.share.found++;
        checks++;
        const quote = quoteOf(p, part.start, f.end);
        const formula = `${part.raw} / ${base.raw}`;
        if (base.value.isZero()) {
          if (!part.value.isZero() || !f.value.isZero())
            report(
              p,
              "share",
              "warning",
              quote,
              "",
              formula,
              `：总数为 0，占比无法计算。`,
              `: the total is 0; the share cannot be computed.`,
            );
          continue;
        }
        reportRate(
          p,
          "share",
          f,
          part.value.div(base.value),
          quote,
          formula,
          { zh: "占比", en: "share" },
          {
            zh: formula,
            en: formula,
          },
        );
      }
    }
    // ——— sums: a figure (an amount or a count), then 其中 and its parts in the same sentence; a part
    // inside parentheses or under a nested 其中 belongs to the part before it, never to this sum.
    const qizhong = [...p.text.matchAll(/其中/g)].map((m) => m.index!);
    for (const m of p.text.matchAll(/其中[:：]?/g)) {
      const at = m.index!;
      const candidate = (g: Fig) => (isMoney(g) || isCount(g)) && !isChangeAmount(p, g);
      let total = [...p.figs].reverse().find((g) => g.end <= at && candidate(g));
      if (!total) continue;
      // 其中 opening a new sentence (“……收入总计4,295.11万元。其中：……”): its total is the one amount the
      // sentence before states (besides changes and budget pairs); with several, which one is meant is unclear.
      const opensSentence = p.text[at - 1] === "。";
      if (opensSentence) {
        const before = p.figs.filter((g) => g.end <= at && g.sentence === total!.sentence && candidate(g) && !isBudgetPair(g));
        if (before.length !== 1 || p.sentences[total.sentence + 1] !== at) continue;
        total = before[0];
      } else if (/[。]/.test(p.text.slice(total.end, at))) continue;
      const sentence = opensSentence ? total.sentence + 1 : total.sentence;
      const depth = parenDepth(p.text, at);
      const parts = p.figs.filter(
        (g) =>
          g.start > at &&
          g.sentence === sentence &&
          g.unit === total.unit &&
          !isChangeAmount(p, g) &&
          !isBudgetPair(g) &&
          parenDepth(p.text, g.start) === depth,
      );
      // Its own parts: no other 其中 of the same depth between this one and the part.
      const own = parts.filter(
        (g) => !qizhong.some((q) => q > at && q < g.start && parenDepth(p.text, q) === depth),
      );
      // A part can never exceed its total (其中授予小微企业合同 ≤ 中小企业合同).
      const over = own.find((g) => g.value.gt(total.value));
      if (over) {
        counts.sum.found++;
        checks++;
        report(
          p,
          "sum",
          "error",
          quoteOf(p, total.start, over.end),
          `≤ ${total.raw}`,
          `${over.raw} > ${total.raw}`,
          `中，其中一项 ${over.raw} 大于总数 ${total.raw}，不可能。`,
          `has a part ${over.raw} larger than its total ${total.raw}.`,
        );
        continue;
      }
      if (own.length < 2) continue;
      counts.sum.found++;
      checks++;
      const cmp = compareSum(
        { kind: "number", value: total.value, decimals: total.decimals },
        own.map((g) => g.value),
      );
      if (cmp.verdict === "agree") continue;
      const sum = grouped(cmp.sum, total.decimals);
      const formula = own.map((g) => g.raw.replace(/万元|元/, "")).join(" + ");
      const quote = quoteOf(p, total.start, total.end);
      report(
        p,
        "sum",
        cmp.verdict === "rounding" ? "info" : "error",
        quote,
        sum,
        formula,
        `应为其中各项之和 ${sum}（= ${formula}），写作 ${total.raw}。`,
        `should be the sum of its parts ${sum} (= ${formula}); written ${total.raw}.`,
      );
    }
    // ——— table ties
    if (tables.length > 0) {
      for (const f of p.figs) {
        if (!isMoney(f) || isChangeAmount(p, f)) continue;
        const target = tieTarget(p, f, tables);
        if (!target) continue;
        counts["table-tie"].found++;
        checks++;
        const quote = quoteOf(p, f.start, f.end);
        if (target.cell === null) {
          if (!f.value.isZero())
            report(
              p,
              "table-tie",
              "error",
              quote,
              "",
              target.name,
              `在${target.name}中找不到对应的行。`,
              `has no matching line in ${target.name}.`,
            );
          continue;
        }
        const c = target.cell;
        const where = `${target.at.sheetName ? target.at.sheetName + "!" : ""}${toA1(c.row, c.col)}`;
        // The table's own checks report an unreadable cell; here it only stops the comparison.
        const read = readAmount(newContext(target.at.tableIndex, profile, target.at.table.unit), c, target.name);
        if (read === "unreadable") continue;
        const at = roundHalfUp(read ? read.value : new Decimal(0), f.decimals);
        const diff = at.minus(f.value).abs();
        if (diff.isZero()) continue;
        const unit = new Decimal(1).div(new Decimal(10).pow(f.decimals));
        report(
          p,
          "table-tie",
          diff.lte(unit) ? "info" : "error",
          quote,
          grouped(at, f.decimals),
          `${target.name} ${c.text}`,
          `与${target.name}（${where}）${c.text || "（空）"} 不一致。`,
          `does not match ${target.name} (${where}) ${c.text || "(blank)"}.`,
          [where],
        );
      }
    }
  });
  // ——— named identities across the sentences and paragraphs of one section (六、…基本支出 X，其中：人员经费 Y。
  // 公用经费 Z。): the first total and the first of each part after it; a 其中 sum of the same sentence already
  // checked them.
  const sections = new Map<string, Para[]>();
  for (const p of paras) if (p.section) sections.set(p.section, [...(sections.get(p.section) ?? []), p]);
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
      counts.sum.found++;
      checks++;
      const cmp = compareSum(
        { kind: "number", value: total.f.value, decimals: total.f.decimals },
        found.map((x) => x.f.value),
      );
      if (cmp.verdict === "agree") continue;
      const sum = grouped(cmp.sum, total.f.decimals);
      const formula = found.map((x) => `${x.f.label}${x.f.raw.replace(/万元|元/, "")}`).join(" + ");
      report(
        total.p,
        "sum",
        cmp.verdict === "rounding" ? "info" : "error",
        quoteOf(total.p, total.f.start, total.f.end),
        sum,
        formula,
        `应为${identity.name}之和 ${sum}（= ${formula}），写作 ${total.f.raw}。`,
        `should be ${identity.nameEn}, ${sum} (= ${formula}); written ${total.f.raw}.`,
      );
    }
  }
  return { counts, findings, checks };
}

function stripYear(label: string): string {
  return label.replace(/^\d{4}年度?/, "").replace(/^(本年度|其中)/, "");
}

/** A label without year, 其中, trailing 为/是/支出 and parenthetical remarks. */
function core(label: string): string {
  return stripYear(label)
    .replace(/（含[^）]*）|\(含[^)]*\)/g, "")
    .replace(/^(其中|包括)[:：]?/, "")
    .replace(/(为|是)$/, "");
}

interface TieTarget {
  at: PlacedAccountsTable;
  cell: StatedCell | null;
  name: string;
}

function findTable(tables: PlacedAccountsTable[], kind: PlacedAccountsTable["table"]["kind"]) {
  return tables.find((t) => t.table.kind === kind);
}

function lineCell(
  at: PlacedAccountsTable | undefined,
  group: string,
  label: string,
  key?: string,
): TieTarget | undefined {
  if (!at) return undefined;
  const l = at.table.lines.find((x) => x.group === group && x.label === label);
  if (!l) return undefined;
  const k = key ?? Object.keys(l.amounts)[0];
  const cell = l.amounts[k];
  if (!cell) return undefined;
  return { at, cell, name: `${accountsName(at.table)} ${label}${k === "金额" ? "" : ` ${k}`}` };
}

function totalKey(at: PlacedAccountsTable): string {
  const l = at.table.lines.find((x) => x.label === "合计" && !x.code);
  return ["本年支出合计", "合计", "本年支出"].find((k) => l?.amounts[k]) ?? "合计";
}

/** The table cell a figure of the text quotes, by section and label; null cell = the table has no such line. */
function tieTarget(p: Para, f: Fig, tables: PlacedAccountsTable[]): TieTarget | undefined {
  const s = p.section;
  const label = core(f.label);
  const t01 = findTable(tables, "income-expenditure-summary");
  const t02 = findTable(tables, "income");
  const t03 = findTable(tables, "expenditure");
  const t04 = findTable(tables, "fiscal-income-expenditure-summary");
  const t05 = findTable(tables, "general-budget-expenditure");
  const t06 = findTable(tables, "general-budget-basic-expenditure");
  const t09 = findTable(tables, "three-public-expenses");
  if (/^一、收入支出决算总体/.test(s)) {
    const m = /(收入总计|本年收入合计|使用非财政拨款结余|年初结转和结余)$/.exec(label);
    if (m) return lineCell(t01, "收入", m[1] === "收入总计" ? "总计" : m[1]);
    const n = /(支出总计|本年支出合计|结余分配|年末结转和结余)$/.exec(label);
    if (n) return lineCell(t01, "支出", n[1] === "支出总计" ? "总计" : n[1]);
    return undefined;
  }
  if (/^二、收入决算情况/.test(s)) {
    if (label === "本年收入") return lineCell(t01, "收入", "本年收入合计");
    if (/^(财政拨款收入|上级补助收入|事业收入|经营收入|附属单位上缴收入|其他收入)$/.test(label))
      return lineCell(t02, "", "合计", label);
    return undefined;
  }
  if (/^三、支出决算情况/.test(s)) {
    if (label === "本年支出") return lineCell(t01, "支出", "本年支出合计");
    if (/^(基本支出|项目支出|上缴上级支出|经营支出|对附属单位补助支出)$/.test(label))
      return lineCell(t03, "", "合计", label);
    return undefined;
  }
  if (/^四、财政拨款收入支出决算总体/.test(s)) {
    const map: Record<string, [string, string, string?]> = {
      财政拨款收入总计: ["收入", "总计"],
      年初财政拨款结转和结余: ["收入", "年初财政拨款结转和结余"],
      本年财政拨款收入: ["收入", "本年收入合计"],
      财政拨款支出总计: ["支出", "总计", "合计"],
      年末财政拨款结转和结余: ["支出", "年末财政拨款结转和结余", "合计"],
      本年财政拨款支出: ["支出", "本年支出合计", "合计"],
    };
    const m = map[label];
    return m ? lineCell(t04, m[0], m[1], m[2]) : undefined;
  }
  if (/^五、一般公共预算财政拨款支出决算/.test(s) && t05) {
    if (/一般公共预算财政拨款支出$/.test(label)) return lineCell(t05, "", "合计", totalKey(t05));
    const item = /^\d+[.．、](.+?)\(类\)(?:(.+?)\(款\)(.+?)\(项\))?/.exec(p.text);
    if (item && p.figs.filter(isMoney)[0] === f) {
      const path = [item[1], item[2], item[3]].filter(Boolean) as string[];
      const line = subjectLine(t05.table.lines, path);
      const name = `公开05表「${path.join("/")}」${totalKey(t05)}`;
      return { at: t05, cell: line ? (line.amounts[totalKey(t05)] ?? null) : null, name };
    }
    return undefined;
  }
  if (/^六、一般公共预算财政拨款基本支出/.test(s)) {
    if (/基本支出$/.test(label) && t05) return lineCell(t05, "", "合计", "基本支出");
    if (label === "人员经费") return lineCell(t06, "人员经费", "人员经费合计");
    if (label === "公用经费") return lineCell(t06, "公用经费", "公用经费合计");
    return undefined;
  }
  if (/^[七八]、/.test(s) && /政府性基金|国有资本经营/.test(s)) {
    const at = findTable(tables, /政府性基金/.test(s) ? "government-fund" : "state-capital-operation");
    if (!at) return undefined;
    const m = /(年初结转和结余|本年收入|年末结转和结余|本年支出)$/.exec(label);
    if (m && !/总计/.test(label)) return lineCell(at, "", "合计", m[1]);
    if (/财政拨款支出$/.test(label) && !/总计/.test(label)) return lineCell(at, "", "合计", "本年支出");
    const item = /^\d+[.．、](.+?)\(类\)(.+?)\(款\)(.+?)\(项\)/.exec(p.text);
    if (item && p.figs.filter(isMoney)[0] === f) {
      const line = subjectLine(at.table.lines, [item[1], item[2], item[3]]);
      return {
        at,
        cell: line ? (line.amounts["本年支出"] ?? null) : null,
        name: `${at.table.title}「${item[3]}」本年支出`,
      };
    }
    return undefined;
  }
  if (/三公/.test(s) && t09) {
    const budget = /全年预算数$/.test(f.label);
    const final = /决算数$/.test(f.label) && !budget;
    let subject = budget ? f.label.replace(/全年预算数$/, "") : f.label;
    if (final) {
      const b = [...p.figs].reverse().find((g) => g.end <= f.start && /全年预算数$/.test(g.label));
      subject = b ? b.label.replace(/全年预算数$/, "") : "";
    }
    const key = threePublicKey(core(subject));
    if (!key) return undefined;
    const block = budget ? "预算数" : "决算数";
    const line = t09.table.lines.find((l) => l.group === block) ?? t09.table.lines[0];
    const cell = line?.amounts[key];
    return cell ? { at: t09, cell, name: `公开09表 ${block} ${key}` } : undefined;
  }
  return undefined;
}

function threePublicKey(subject: string): string | undefined {
  const s = subject.replace(/支出$/, "");
  if (/三公.?经费$/.test(s)) return "合计";
  if (/因公出国（境）费$|因公出国\(境\)费$/.test(s)) return "因公出国（境）费";
  if (/公务用车购置及运行维护费$/.test(s)) return "公务用车购置及运行维护费";
  if (/公务用车购置费$/.test(s)) return "公务用车购置费";
  if (/公务用车运行维护费$/.test(s)) return "公务用车运行维护费";
  if (/公务接待费$/.test(s)) return "公务接待费";
  return undefined;
}

/** The line of a subject table for a 类/款/项 name path, following codes. */
function subjectLine(lines: AccountsLine[], path: string[]): AccountsLine | undefined {
  let prefix = "";
  let found: AccountsLine | undefined;
  for (const name of path) {
    found = lines.find(
      (l) =>
        l.code &&
        l.code.startsWith(prefix) &&
        l.code.length === (prefix.length === 0 ? 3 : prefix.length + 2) &&
        l.label === name,
    );
    if (!found) return undefined;
    prefix = found.code!;
  }
  return found;
}

/**
 * Splits text whose lines wrap inside paragraphs (text flattened from a PDF) into paragraphs: a new
 * paragraph starts after a line ending in 。 or at a heading (一、, （一）, 第二部分) or a numbered item (1.).
 * Input: the text. Output: the paragraphs, whitespace inside them removed.
 */
export function splitParagraphs(text: string): string[] {
  const out: string[] = [];
  let cur = "";
  for (const raw of text.replace(/\r/g, "").split("\n")) {
    const line = raw.replace(/\[bookmark:[^\]]*\]/gi, "").trim();
    if (!line) continue;
    const starts =
      /^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|第[一二三四五六七八九十]+部分|\d+\.[^\d])/.test(line);
    if (starts && cur) {
      out.push(cur);
      cur = "";
    }
    cur += line;
    if (/。$/.test(line) || (starts && !/[，。；：:]/.test(line) && line.length <= 40)) {
      out.push(cur);
      cur = "";
    }
  }
  if (cur) out.push(cur);
  return out.map((p) => p.replace(/\s+/g, ""));
}

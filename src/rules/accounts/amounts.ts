/**
 * Reading and adding the amounts of the 部门决算 tables (rules-reference §4), and writing their findings.
 */
import { say, type Said } from "../messages";
import { toA1 } from "../address";
import { compareSum, sumAgreesExactly } from "../compare";
import { Decimal, grouped } from "../decimal";
import { cellText, parseAmount } from "../parse";
import type { Finding, RuleId, Severity, StatedCell } from "../types";
import type { AccountsUnit } from "./types";
import { RULE_CATEGORY, type FindingCategory } from "../categories";

/**
 * An amount read from a cell, in 万元, with its stated decimals expressed in 万元 (元 × 2 dp → 6 dp;
 * 亿元 × 2 dp → −2, a precision of 100 万元).
 */
export interface Amount {
  cell: StatedCell;
  /** 万元 */
  value: Decimal;
  /** Decimals of the value in 万元. */
  decimals: number;
  /** `value` × 10^`decimals` as an exact integer, when known (see `sumAgreesExactly`). */
  scaled: number | undefined;
  /** The figure as shown (its own unit). */
  shown: string;
}

/** Where findings about a table go, and the count of comparisons made. */
export interface AccountsContext {
  tableIndex: number;
  profile: string;
  findings: Finding[];
  checks: number;
  /** Cells already reported unreadable (each once). */
  unreadable: Set<string>;
  /** Unit of the table's amounts. */
  unit: AccountsUnit;
  /** Amounts already read, by cell: each cell enters several sums (row, column, hierarchy). */
  read: Map<StatedCell, Amount | null>;
  /** The cells that entered a comparison (row × 16384 + col), for the table's coverage. */
  covered: Set<number>;
}

export function newContext(tableIndex: number, profile: string, unit: AccountsUnit): AccountsContext {
  return {
    tableIndex,
    profile,
    findings: [],
    checks: 0,
    unreadable: new Set(),
    unit,
    read: new Map(),
    covered: new Set(),
  };
}

const WAN = new Decimal(10000);

/** The notes of the 部门决算 sums and of unreadable amounts, by id. */
export const SUM_MESSAGES = {
  unreadable: {
    zh: "复核：无法读取{what}「{stated}」，相关合计未复核。",
    en: 'Check: cannot read the amount "{stated}" ({what}); the totals it enters were not checked.',
  },
  partsBlank: {
    zh: "复核：{what}有数（{stated}），但其明细（{parts}）均为空，无法复核。",
    en: "Check: {whatEn} has a figure ({stated}) but all of its parts are blank; cannot be checked.",
  },
  rounding: {
    zh: "复核（舍位差异）：{what}应为 {expected}（= {formula}），表列 {stated}，差 {difference}，在 {parts} 项 × 半个单位的舍位范围内。",
    en: "Check (rounding): {whatEn} should be {expected} (= {formula}); stated {statedEn}, difference {difference}, within the rounding band of {parts} parts.",
  },
  disagree: {
    zh: "复核：{what}应为 {expected}（= {formula}），表列 {stated}，差 {difference}。",
    en: "Check: {whatEn} should be {expected} (= {formula}); stated {statedEn}, difference {difference}.",
  },
} as const;

/**
 * Reads an amount cell. Input: the cell and the table's unit. Output: the amount in 万元, null for a
 * blank or dash cell, or "unreadable" (a `cell.unreadable` warning is reported once per cell). Never throws.
 */
export function readAmount(
  ctx: AccountsContext,
  cell: StatedCell | undefined,
  what: string | (() => string),
): Amount | null | "unreadable" {
  if (!cell) return null;
  const known = ctx.read.get(cell);
  if (known !== undefined) return known;
  const r = parseAmount(cell);
  if (r.kind === "empty") {
    ctx.read.set(cell, null);
    return null;
  }
  const shown = cellText(cell).trim();
  if (r.kind === "unreadable") {
    const key = `${cell.row},${cell.col}`;
    if (!ctx.unreadable.has(key)) {
      ctx.unreadable.add(key);
      push(ctx, "cell.unreadable", "warning", cell, {
        expected: "",
        formula: "",
        ...say(SUM_MESSAGES, "unreadable", { what: typeof what === "string" ? what : what(), stated: shown }),
      });
    }
    return "unreadable";
  }
  // The scaled integer is the same in any unit: only the decimals move (元 → 万元: 4 more).
  const amount: Amount =
    ctx.unit === "元"
      ? { cell, value: r.value.div(WAN), decimals: r.decimals + 4, scaled: r.scaled, shown }
      : ctx.unit === "亿元"
        ? { cell, value: r.value.mul(WAN), decimals: r.decimals - 4, scaled: r.scaled, shown }
        : { cell, value: r.value, decimals: r.decimals, scaled: r.scaled, shown };
  ctx.read.set(cell, amount);
  return amount;
}

export interface FindingBody extends Said {
  expected: string;
  formula: string;
  related?: string[];
  /** When the finding's category is not its rule's default (see src/rules/categories.ts). */
  category?: FindingCategory;
}

/** Appends a finding about `cell`. */
export function push(ctx: AccountsContext, rule: RuleId, severity: Severity, cell: StatedCell, b: FindingBody): void {
  ctx.findings.push({
    rule,
    severity,
    category: b.category ?? RULE_CATEGORY[rule],
    row: cell.row,
    col: cell.col,
    cell: toA1(cell.row, cell.col),
    stated: cellText(cell).trim(),
    expected: b.expected,
    formula: b.formula,
    message: b.message,
    messageEn: b.messageEn,
    messageId: b.messageId,
    fields: b.fields,
    profile: ctx.profile,
    table: ctx.tableIndex,
    ...(b.related && b.related.length ? { related: b.related } : {}),
  });
}

/** An amount in the table's own unit at `dp` decimals with thousands separators: 26,843.22. */
export function inUnit(ctx: AccountsContext, wan: Decimal, dp: number): string {
  if (ctx.unit === "元") return grouped(wan.mul(WAN), Math.max(dp - 4, 0));
  if (ctx.unit === "亿元") return grouped(wan.div(WAN), Math.max(dp + 4, 0));
  return grouped(wan, dp);
}

export interface SumPart {
  cell: StatedCell | undefined;
  /** A short name for the formula, e.g. 基本支出 or 2050302. */
  name: string;
}

/** The names of a total and its identity (zh, en), or a function giving them: built only for a finding. */
export type SumNames = { zh: string; en: string } | (() => { zh: string; en: string });

export interface SumOutcome {
  verdict: "agree" | "rounding" | "disagree" | "skipped";
}

/**
 * Checks total = Σ parts (rules-reference §4, 舍位): agree when equal; within n × half a unit of the last
 * stated digit (n = parts with a figure) a rounding `info`; beyond it an `error` at the total cell.
 * A blank total with figures in its parts reads as 0. All parts blank while the total is not zero: a
 * warning (the detail is missing). Unreadable cells skip the comparison.
 * Inputs: the rule id, the total cell, the parts, and the names of total and identity (zh, en), or a
 * function giving them (called only when a finding is written).
 */
export function checkSum(
  ctx: AccountsContext,
  rule: RuleId,
  total: StatedCell | undefined,
  parts: SumPart[],
  names: SumNames,
): SumOutcome {
  if (!total || parts.length === 0) return { verdict: "skipped" };
  let resolved: { zh: string; en: string } | undefined;
  const what = () => (resolved ??= typeof names === "function" ? names() : names);
  const t = readAmount(ctx, total, () => what().zh);
  // Every part is read (each unreadable one is reported) before the sum is given up.
  let unreadable = t === "unreadable";
  const present: Amount[] = [];
  for (const p of parts) {
    const a = readAmount(ctx, p.cell, p.name);
    if (a === "unreadable") unreadable = true;
    else if (a !== null) present.push(a);
  }
  if (t === "unreadable" || unreadable) return { verdict: "skipped" };
  if (t === null && present.length === 0) return { verdict: "skipped" };
  ctx.checks++;
  ctx.covered.add(total.row * 16384 + total.col);
  for (const a of present) ctx.covered.add(a.cell.row * 16384 + a.cell.col);
  if (present.length === 0 && t !== null && t.value.isZero()) return { verdict: "agree" };
  if (present.length === 0) {
    push(ctx, rule, "warning", total, {
      expected: "",
      formula: "",
      category: "missing",
      ...say(SUM_MESSAGES, "partsBlank", {
        what: what().zh,
        whatEn: what().en,
        stated: t!.shown,
        parts: parts.map((p) => p.name).join("、"),
      }),
    });
    return { verdict: "disagree" };
  }
  const decimals = t ? t.decimals : Math.max(...present.map((a) => a.decimals));
  const scaledTotal = t ? t : { scaled: 0, decimals };
  if (sumAgreesExactly(scaledTotal, present) === true) return { verdict: "agree" };
  const cmp = compareSum(
    { kind: "number", value: t ? t.value : new Decimal(0), decimals },
    present.map((a) => a.value),
  );
  if (cmp.verdict === "agree") return { verdict: "agree" };
  const related = present.map((a) => toA1(a.cell.row, a.cell.col));
  const { sum, diff } = cmp;
  // Shown at the finer of the total's and the parts' precision (a total printed 0 over 32.65 + 0).
  const dp = Math.max(decimals, ...present.map((a) => a.decimals));
  const expected = inUnit(ctx, sum, dp);
  const shownParts =
    present.length <= 8
      ? present.map((a) => a.shown).join(" + ")
      : `${present
          .slice(0, 3)
          .map((a) => a.shown)
          .join(" + ")} + … （${present.length} 项）`;
  const fields = {
    what: what().zh,
    whatEn: what().en,
    expected,
    formula: shownParts,
    stated: t ? t.shown : "（空）",
    statedEn: t ? t.shown : "(blank)",
  };
  const diffText = (diff.gt(0) ? "+" : "−") + inUnit(ctx, diff.abs(), dp);
  if (cmp.verdict === "rounding") {
    push(ctx, rule, "info", total, {
      expected,
      formula: shownParts,
      ...say(SUM_MESSAGES, "rounding", { ...fields, difference: diffText, parts: present.length }),
      related,
    });
    return { verdict: "rounding" };
  }
  push(ctx, rule, "error", total, {
    expected,
    formula: shownParts,
    ...say(SUM_MESSAGES, "disagree", { ...fields, difference: diffText }),
    related,
  });
  return { verdict: "disagree" };
}

/**
 * The checks of one 部门决算 table (rules-reference §4). Each has a stable id:
 *
 * - `accounts.row-sum`      a row's total column = Σ its part columns (02 本年收入合计 = Σ sources; 03 本年支出合计 =
 *                           基本 + 项目 + 上缴上级 + 经营 + 对附属单位补助; 04 合计 = 一般公共预算 + 政府性基金 + 国有资本经营;
 *                           05 合计 = 基本 + 项目; 07/08 本年支出 = 基本 + 项目).
 * - `accounts.column-sum`   a total line = Σ the lines it adds (合计 = Σ 类; 01/04 本年收入合计, 本年支出合计, 总计;
 *                           06 人员经费合计, 公用经费合计).
 * - `accounts.balance`      01 and 04: 收入总计 = 支出总计.
 * - `accounts.hierarchy`    类 = Σ 款 and 款 = Σ 项 by code prefix, in every amount column.
 * - `accounts.three-public` 09, both 预算数 and 决算数 blocks: 合计 = 因公出国（境）费 + 公务用车购置及运行维护费 +
 *                           公务接待费; 公务用车购置及运行维护费 = 购置费 + 运行维护费.
 * - `accounts.carry-over`   07/08: 年末结转和结余 = 年初 + 本年收入 − 本年支出 (warning: transfers can break it).
 * - `accounts.negative`     an amount below zero (error).
 * - `accounts.unit`         the table states no 金额单位 (info; 万元 assumed).
 *
 * Source: 财政部 部门决算 审核公式 for 财决01–09 as summarised in rules-reference §4. Lines are matched by
 * label and code, never by 行次.
 */
import { say } from "../messages";
import { toA1 } from "../address";
import { Decimal } from "../decimal";
import type { Finding } from "../types";
import { compareRatio } from "../compare";
import { cellText, parsePercent } from "../parse";
import { checkSum, inUnit, newContext, push, readAmount, type AccountsContext, type SumPart } from "./amounts";
import { accountsName, type AccountsLine, type AccountsTable } from "./types";

/** Row identities: total column key (first found) = Σ part column keys. */
const ROW_SUMS: Partial<Record<AccountsTable["kind"], Array<{ total: string[]; parts: string[] }>>> = {
  income: [
    {
      total: ["本年收入合计", "合计"],
      parts: ["财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"],
    },
  ],
  expenditure: [
    {
      total: ["本年支出合计", "合计"],
      parts: ["基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"],
    },
  ],
  "fiscal-income-expenditure-summary": [
    { total: ["合计"], parts: ["一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"] },
  ],
  "general-budget-expenditure": [{ total: ["本年支出合计", "合计", "本年支出"], parts: ["基本支出", "项目支出"] }],
  "government-fund": [{ total: ["本年支出"], parts: ["基本支出", "项目支出"] }],
  "state-capital-operation": [{ total: ["本年支出"], parts: ["基本支出", "项目支出"] }],
};

export interface AccountsCheckResult {
  findings: Finding[];
  checks: number;
  /** The cells that entered a comparison (row × 16384 + col). */
  covered: Set<number>;
}

/** The 部门决算 checks' own notes, by id (the sums' are in ./amounts). */
export const MESSAGES = {
  unitAssumed: {
    zh: "复核：{table}未注明金额单位，按万元复核。",
    en: "Check: {table} states no amount unit; read as 万元 (ten thousand yuan).",
  },
  balance: {
    zh: "复核：支出总计应等于收入总计 {expected}，表列 {stated}。",
    en: "Check: total spending should equal total income {expected}; stated {stated}.",
  },
  change: {
    zh: "复核：「{line}」增减额应为 {expected}（= {to} − {from}），表列 {stated}。",
    en: 'Check: the change in "{line}" should be {expected} ({to} against {from}); stated {stated}.',
  },
  decrease: {
    zh: "复核：「{line}」减少额应为 {expected}（= {from} − {to}），表列 {stated}。",
    en: 'Check: the decrease in "{line}" should be {expected} ({from} less {to}); stated {stated}.',
  },
  changeRate: {
    zh: "复核：「{line}」增减率应为 {expected}（= {formula}），表列 {stated}。",
    en: 'Check: the rate of change of "{line}" should be {expected} (= {formula}); stated {stated}.',
  },
  changeRateRounding: {
    zh: "复核（舍入差异）：「{line}」增减率应为 {expected}（= {formula}），表列 {stated}。",
    en: 'Check (rounding): the rate of change of "{line}" should be {expected} (= {formula}); stated {stated}.',
  },
  carryOver: {
    zh: "复核：「{line}」年末结转和结余应为 {expected}（= 年初 + 本年收入 − 本年支出 = {formula}），表列 {stated}。若有调入调出，请核对说明。",
    en: 'Check: closing balance of "{line}" should be {expected} (= opening + income − spending = {formula}); stated {statedEn}. Transfers can explain a difference.',
  },
  negative: {
    zh: "复核：「{line}」的{column}为负数（{stated}）；决算表金额应不小于 0。",
    en: 'Check: {column} of "{line}" is negative ({stated}); final-accounts amounts are never below zero.',
  },
} as const;

/**
 * Runs every check of one 部门决算 table.
 * Inputs: the table, its index in the sheet's report, and the profile id findings are reported under.
 * Output: the findings (amounts in the table's unit) and the number of comparisons. Never throws on content.
 */
export function checkAccountsTable(t: AccountsTable, tableIndex: number, profile: string): AccountsCheckResult {
  const ctx = newContext(tableIndex, profile, t.unit);
  if (!t.unitStated) {
    push(ctx, "accounts.unit", "info", t.titleCell, {
      expected: "万元",
      formula: "",
      ...say(MESSAGES, "unitAssumed", { table: accountsName(t) }),
    });
  }
  rowSums(t, ctx);
  if (t.kind === "income-expenditure-summary" || t.kind === "fiscal-income-expenditure-summary") sides(t, ctx);
  else if (t.kind === "three-public-expenses") {
    threePublic(t, ctx);
    changes(t, ctx);
  } else {
    for (const group of groupsOf(t)) {
      const lines = t.lines.filter((l) => l.group === group);
      columnSums(t, ctx, lines);
      hierarchy(t, ctx, lines);
    }
  }
  if (t.kind === "government-fund" || t.kind === "state-capital-operation") carryOver(t, ctx);
  negatives(t, ctx);
  return { findings: ctx.findings, checks: ctx.checks, covered: ctx.covered };
}

function groupsOf(t: AccountsTable): string[] {
  return [...new Set(t.lines.map((l) => l.group))];
}

function columnKeys(t: AccountsTable, group: string): string[] {
  return t.columns.filter((c) => c.group === group).map((c) => c.key);
}

function lineName(l: AccountsLine): string {
  return l.code ? `${l.code} ${l.label}` : l.label || "本行";
}

function rowSums(t: AccountsTable, ctx: AccountsContext): void {
  for (const rule of ROW_SUMS[t.kind] ?? []) {
    for (const line of t.lines) {
      const totalKey = rule.total.find((k) => line.amounts[k]);
      if (!totalKey) continue;
      const parts = rule.parts.filter((k) => line.amounts[k]);
      if (parts.length < 2) continue;
      checkSum(
        ctx,
        "accounts.row-sum",
        line.amounts[totalKey],
        parts.map((k): SumPart => ({ cell: line.amounts[k], name: k })),
        () => ({
          zh: `「${lineName(line)}」的${totalKey}（${parts.join(" + ")}）`,
          en: `the ${totalKey} of "${lineName(line)}"`,
        }),
      );
    }
  }
}

const MAIN_AFTER_TOTAL = /结转和结余|结余分配|使用非财政拨款结余|^总计$/;

/** 01 and 04: each side's 本年…合计 = Σ lines above; 总计 = 本年…合计 + the lines between; balance. */
function sides(t: AccountsTable, ctx: AccountsContext): void {
  const grand: Record<string, AccountsLine | undefined> = {};
  for (const group of groupsOf(t)) {
    const lines = t.lines.filter(
      (l) => l.group === group && (l.label !== "" || Object.values(l.amounts).some((c) => c.text !== "")),
    );
    const totalAt = lines.findIndex((l) => /^本年(收入|支出)合计$/.test(l.label));
    const grandAt = lines.findIndex((l) => l.label === "总计");
    if (grandAt >= 0) grand[group] = lines[grandAt];
    for (const key of columnKeys(t, group)) {
      if (totalAt >= 0) {
        const parts = lines.slice(0, totalAt).filter((l) => !l.sub && l.label !== "");
        checkSum(
          ctx,
          "accounts.column-sum",
          lines[totalAt].amounts[key],
          parts.map((l) => ({ cell: l.amounts[key], name: l.label })),
          () => ({
            zh: `${lines[totalAt].label}${key === "金额" ? "" : `（${key}）`}`,
            en: `${lines[totalAt].label} (${key})`,
          }),
        );
      }
      if (totalAt >= 0 && grandAt > totalAt) {
        const between = lines.slice(totalAt + 1, grandAt);
        const mains = between.filter((l) => MAIN_AFTER_TOTAL.test(l.label) && !l.sub);
        checkSum(
          ctx,
          "accounts.column-sum",
          lines[grandAt].amounts[key],
          [lines[totalAt], ...mains].map((l) => ({ cell: l.amounts[key], name: l.label })),
          () => ({ zh: `${group}总计${key === "金额" ? "" : `（${key}）`}`, en: `${group} 总计 (${key})` }),
        );
        // A main line followed by its sub-lines (04: 年初财政拨款结转和结余 by fund).
        between.forEach((l, i) => {
          if (!mains.includes(l)) return;
          const subs: AccountsLine[] = [];
          for (const x of between.slice(i + 1)) {
            if (mains.includes(x)) break;
            subs.push(x);
          }
          if (subs.length === 0) return;
          checkSum(
            ctx,
            "accounts.column-sum",
            l.amounts[key],
            subs.map((x) => ({ cell: x.amounts[key], name: x.label })),
            () => ({ zh: `${l.label}${key === "金额" ? "" : `（${key}）`}`, en: `${l.label} (${key})` }),
          );
        });
      }
    }
  }
  const income = grand["收入"];
  const spending = grand["支出"];
  if (income && spending) {
    const inKey = Object.keys(income.amounts)[0];
    const outKey = spending.amounts["合计"] ? "合计" : Object.keys(spending.amounts)[0];
    const inCell = income.amounts[inKey];
    const outCell = spending.amounts[outKey];
    const a = readAmount(ctx, inCell, "收入总计");
    const b = readAmount(ctx, outCell, "支出总计");
    if (a && b && a !== "unreadable" && b !== "unreadable") {
      ctx.checks++;
      if (!a.value.eq(b.value)) {
        push(ctx, "accounts.balance", "error", outCell, {
          expected: a.shown,
          formula: `收入总计 ${a.shown}`,
          ...say(MESSAGES, "balance", { expected: a.shown, stated: b.shown }),
          related: [toA1(inCell.row, inCell.col)],
        });
      }
    }
  }
}

/** The lines a total line adds: 类 lines (or the shortest codes present) of the same group. */
function topLines(lines: AccountsLine[]): AccountsLine[] {
  const coded = lines.filter((l) => l.code);
  if (coded.length === 0) return [];
  const shortest = Math.min(...coded.map((l) => l.code!.length));
  return coded.filter((l) => l.code!.length === shortest);
}

/** 合计 (or 人员经费合计 …) = Σ top-level subject lines, per amount column. */
function columnSums(t: AccountsTable, ctx: AccountsContext, lines: AccountsLine[]): void {
  const totals = lines.filter((l) => !l.code && /合计$|^总计$/.test(l.label));
  const tops = topLines(lines);
  if (tops.length === 0) return;
  for (const total of totals) {
    for (const key of Object.keys(total.amounts)) {
      checkSum(
        ctx,
        "accounts.column-sum",
        total.amounts[key],
        tops.map((l) => ({ cell: l.amounts[key], name: l.code! })),
        () => ({
          zh: `${total.label}行的${key}（Σ ${tops[0].level ?? ""}级科目）`,
          en: `${key} of the ${total.label} line (Σ top-level subjects)`,
        }),
      );
    }
  }
}

/** 类 = Σ 款, 款 = Σ 项 by code prefix, in every amount column. */
function hierarchy(t: AccountsTable, ctx: AccountsContext, lines: AccountsLine[]): void {
  const coded = lines.filter((l) => l.code);
  // A line's sub-subjects: the coded lines two digits longer that start with its code, in sheet order.
  const below = new Map<string, AccountsLine[]>();
  for (const c of coded) {
    const up = c.code!.slice(0, -2);
    const list = below.get(up);
    if (list) list.push(c);
    else below.set(up, [c]);
  }
  for (const parent of coded) {
    const children = below.get(parent.code!) ?? [];
    if (children.length === 0) continue;
    for (const key of Object.keys(parent.amounts)) {
      checkSum(
        ctx,
        "accounts.hierarchy",
        parent.amounts[key],
        children.map((c) => ({ cell: c.amounts[key], name: c.code! })),
        () => ({
          zh: `${parent.level ?? ""}「${parent.code} ${parent.label}」的${key}（Σ 下级${children[0].level ?? ""}）`,
          en: `${key} of ${parent.code} ${parent.label} (Σ its sub-subjects)`,
        }),
      );
    }
  }
}

/** 09: per block 合计 = 出国 + 公务用车 + 接待; 公务用车购置及运行维护费 = 购置费 + 运行维护费. */
function threePublic(t: AccountsTable, ctx: AccountsContext): void {
  for (const line of t.lines) {
    const a = line.amounts;
    const block = line.group || "决算数";
    checkSum(
      ctx,
      "accounts.three-public",
      a["合计"],
      ["因公出国（境）费", "公务用车购置及运行维护费", "公务接待费"].map((k) => ({ cell: a[k], name: k })),
      () => ({ zh: `${block}合计`, en: `${block} total` }),
    );
    checkSum(
      ctx,
      "accounts.three-public",
      a["公务用车购置及运行维护费"],
      ["公务用车购置费", "公务用车运行维护费"].map((k) => ({ cell: a[k], name: k })),
      () => ({ zh: `${block}公务用车购置及运行维护费`, en: `${block} 公务用车购置及运行维护费` }),
    );
  }
}

/**
 * 三公 tables with a change on the year before: 增减额 = later − earlier (a 减少 column: earlier − later),
 * 增减率 = 增减额 / earlier, per item, compared at the stated precision (rates: one unit of the last digit
 * is rounding).
 */
function changes(t: AccountsTable, ctx: AccountsContext): void {
  for (const ch of t.changes ?? []) {
    const from = t.lines.find((l) => l.group === ch.from);
    const to = t.lines.find((l) => l.group === ch.to);
    if (!from || !to) continue;
    for (const key of Object.keys(to.amounts)) {
      const a = readAmount(ctx, from.amounts[key], `${ch.from}${key}`);
      const b = readAmount(ctx, to.amounts[key], `${ch.to}${key}`);
      if (a === "unreadable" || b === "unreadable") continue;
      const before = a ? a.value : new Decimal(0);
      const after = b ? b.value : new Decimal(0);
      const delta = ch.decrease ? before.minus(after) : after.minus(before);
      const amountCell = ch.amount[key];
      const stated = readAmount(ctx, amountCell, `${key}增减额`);
      if (amountCell && stated && stated !== "unreadable") {
        const dp = Math.max(stated.decimals, a ? a.decimals : 0, b ? b.decimals : 0);
        const formula = `${b ? b.shown : "0"} − ${a ? a.shown : "0"}`;
        ctx.checks++;
        ctx.covered.add(amountCell.row * 16384 + amountCell.col);
        const unit = new Decimal(1).div(new Decimal(10).pow(dp)).div(2).mul(2);
        if (stated.value.minus(delta).abs().gt(unit)) {
          push(ctx, "accounts.change", "error", amountCell, {
            expected: inUnit(ctx, delta, dp),
            formula: ch.decrease ? `${a ? a.shown : "0"} − ${b ? b.shown : "0"}` : formula,
            ...say(MESSAGES, ch.decrease ? "decrease" : "change", {
              line: key,
              expected: inUnit(ctx, delta, dp),
              from: ch.from,
              to: ch.to,
              stated: stated.shown,
            }),
          });
        }
      }
      const rateCell = ch.rate[key];
      const rate = rateCell ? parsePercent(rateCell) : null;
      if (!rateCell || !rate || rate.kind !== "percent" || !a || before.isZero()) continue;
      ctx.checks++;
      ctx.covered.add(rateCell.row * 16384 + rateCell.col);
      const r = delta.div(before);
      const formula = `${inUnit(ctx, delta, a.decimals)} / ${a.shown}`;
      const c = compareRatio(rate, [{ ratio: r, formula, reading: "primary" }]);
      if (c.verdict === "agree") continue;
      push(ctx, "accounts.change", c.verdict === "rounding" ? "info" : "error", rateCell, {
        expected: c.expected,
        formula,
        ...say(MESSAGES, c.verdict === "rounding" ? "changeRateRounding" : "changeRate", {
          line: key,
          expected: c.expected,
          formula,
          stated: cellText(rateCell).trim(),
        }),
      });
    }
  }
}

/** 07/08: 年末 = 年初 + 本年收入 − 本年支出 on every line (a warning: transfers can break it). */
function carryOver(t: AccountsTable, ctx: AccountsContext): void {
  for (const line of t.lines) {
    const a = line.amounts;
    const read = (k: string) => readAmount(ctx, a[k], k);
    const open = read("年初结转和结余");
    const income = read("本年收入");
    const spent = read("本年支出");
    const close = read("年末结转和结余");
    if ([open, income, spent, close].some((x) => x === "unreadable")) continue;
    if ([open, income, spent, close].every((x) => x === null) || !a["年末结转和结余"]) continue;
    const v = (x: typeof open) => (x && x !== "unreadable" ? x.value : new Decimal(0));
    const expected = v(open).plus(v(income)).minus(v(spent));
    ctx.checks++;
    const closeCell = a["年末结转和结余"];
    const c = close && close !== "unreadable" ? close : null;
    const decimals = Math.max(...[open, income, spent, close].map((x) => (x && x !== "unreadable" ? x.decimals : 0)));
    const unit = new Decimal(1).div(new Decimal(10).pow(decimals));
    if (v(c).minus(expected).abs().lte(unit.mul(2))) continue;
    const shown = (x: typeof open) => (x && x !== "unreadable" ? x.shown : "0");
    const formula = `${shown(open)} + ${shown(income)} − ${shown(spent)}`;
    push(ctx, "accounts.carry-over", "warning", closeCell, {
      expected: expected.toFixed(decimals),
      formula,
      ...say(MESSAGES, "carryOver", {
        line: lineName(line),
        expected: expected.toFixed(decimals),
        formula,
        stated: c ? c.shown : "（空）",
        statedEn: c ? c.shown : "(blank)",
      }),
    });
  }
}

/** Any amount below zero. */
function negatives(t: AccountsTable, ctx: AccountsContext): void {
  for (const line of t.lines) {
    for (const [key, cell] of Object.entries(line.amounts)) {
      const a = readAmount(ctx, cell, key);
      if (!a || a === "unreadable") continue;
      if (a.value.lt(0)) {
        ctx.checks++;
        push(ctx, "accounts.negative", "error", cell, {
          expected: "≥ 0",
          formula: "",
          ...say(MESSAGES, "negative", { line: lineName(line), column: key, stated: a.shown }),
        });
      }
    }
  }
}

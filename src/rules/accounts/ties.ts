/**
 * `accounts.cross-table`: the ties between the nine tables of one workbook (rules-reference §4).
 *
 * - 01 本年收入合计 = 02 合计 本年收入合计, and 01's income lines = 02 合计's source columns
 *   (02 财政拨款收入 = 01 一般公共预算 + 政府性基金 + 国有资本经营);
 * - 01 本年支出合计 = 03 合计 本年支出合计, and each 类 line of 01 = the 类 row of 03;
 * - 04 本年收入合计 = 01 一般公共预算 + 政府性基金 + 国有资本经营 财政拨款收入;
 * - 05 合计 = 04 一般公共预算 本年支出合计, and each 类 of 05 = 04's 类 line (一般公共预算 column);
 * - 06 人员经费合计 + 公用经费合计 = 05 基本支出 合计;
 * - 07 (08) 合计 本年收入 and 本年支出 = 04's 政府性基金 (国有资本经营) income line and column.
 *
 * Each tie is reported at the cell of the table that is the total side, or else the later table, so that
 * the finding sits where the auditor reads the recomputed total. Amounts are compared in 万元, whatever
 * each table's unit, within n × half a unit of the coarser precision (舍位).
 */
import { say } from "../messages";
import { toA1 } from "../address";
import { compareSum } from "../compare";
import { Decimal } from "../decimal";
import type { Finding, StatedCell } from "../types";
import { inUnit, newContext, readAmount, type AccountsContext, type Amount } from "./amounts";
import { accountsName, type AccountsKind, type AccountsLine, type AccountsTable } from "./types";

/** A table of the workbook with where its findings go. */
export interface PlacedAccountsTable {
  table: AccountsTable;
  sheet: number;
  sheetName: string;
  /** Index of the table in its sheet's report. */
  tableIndex: number;
}

interface Ref {
  at: PlacedAccountsTable;
  cell: StatedCell;
  name: string;
}

/**
 * Checks the cross-table ties of a workbook.
 * Input: every recognised 部门决算 table with its sheet; the profile id to report under.
 * Output: findings with the sheet each belongs to, the number of ties compared, and for each table the
 * number of compared ties it took part in. Never throws.
 */
export function checkAccountsTies(
  placed: PlacedAccountsTable[],
  profile: string,
): {
  findings: Array<{ sheet: number; finding: Finding }>;
  checks: number;
  tied: Map<PlacedAccountsTable, number>;
  /** The cells that entered a compared tie, per table (row × 16384 + col). */
  covered: Map<PlacedAccountsTable, Set<number>>;
} {
  const out: Array<{ sheet: number; finding: Finding }> = [];
  let checks = 0;
  const tied = new Map<PlacedAccountsTable, number>();
  const covered = new Map<PlacedAccountsTable, Set<number>>();
  const cover = (r: Ref) => {
    const set = covered.get(r.at) ?? new Set<number>();
    set.add(r.cell.row * 16384 + r.cell.col);
    covered.set(r.at, set);
  };
  const byKind = (k: AccountsKind) => placed.find((p) => p.table.kind === k);
  const t01 = byKind("income-expenditure-summary");
  const t02 = byKind("income");
  const t03 = byKind("expenditure");
  const t04 = byKind("fiscal-income-expenditure-summary");
  const t05 = byKind("general-budget-expenditure");
  const t06 = byKind("general-budget-basic-expenditure");
  const t07 = byKind("government-fund");
  const t08 = byKind("state-capital-operation");

  const tie = (total: Ref | undefined, parts: Array<Ref | undefined>, what: { zh: string; en: string }) => {
    if (!total || parts.some((p) => !p)) return;
    const r = compareTie(total, parts as Ref[], what, profile);
    if (r.compared) {
      checks++;
      for (const at of new Set([total.at, ...(parts as Ref[]).map((p) => p.at)])) tied.set(at, (tied.get(at) ?? 0) + 1);
      for (const ref of [total, ...(parts as Ref[])]) cover(ref);
    }
    if (r.finding) out.push({ sheet: total.at.sheet, finding: r.finding });
  };

  if (t01 && t02) {
    tie(ref(t02, totalLine(t02), "本年收入合计"), [ref(t01, line(t01, "收入", "本年收入合计"), "金额")], {
      zh: "本年收入合计",
      en: "本年收入合计",
    });
    for (const k of ["上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"]) {
      tie(ref(t02, totalLine(t02), k), [ref(t01, line(t01, "收入", k), "金额")], { zh: k, en: k });
    }
    const fiscal = ["一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "国有资本经营预算财政拨款收入"]
      .map((k) => line(t01, "收入", k))
      .filter((l): l is AccountsLine => !!l);
    if (fiscal.length > 0) {
      tie(
        ref(t02, totalLine(t02), "财政拨款收入"),
        fiscal.map((l) => ref(t01, l, "金额")),
        { zh: "财政拨款收入", en: "财政拨款收入" },
      );
    }
  }
  if (t01 && t03) {
    tie(ref(t03, totalLine(t03), "本年支出合计"), [ref(t01, line(t01, "支出", "本年支出合计"), "金额")], {
      zh: "本年支出合计",
      en: "本年支出合计",
    });
    classTies(t01, "支出", "金额", t03, "本年支出合计", tie);
  }
  if (t01 && t04) {
    const fiscal = ["一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "国有资本经营预算财政拨款收入"]
      .map((k) => line(t01, "收入", k))
      .filter((l): l is AccountsLine => !!l);
    tie(
      ref(t04, line(t04, "收入", "本年收入合计"), "金额"),
      fiscal.map((l) => ref(t01, l, "金额")),
      { zh: "本年财政拨款收入", en: "fiscal income of the year" },
    );
  }
  if (t04 && t05) {
    tie(
      ref(t05, totalLine(t05), totalKey05(t05)),
      [ref(t04, line(t04, "支出", "本年支出合计"), "一般公共预算财政拨款")],
      {
        zh: "一般公共预算财政拨款支出合计",
        en: "general-budget spending",
      },
    );
    classTies(t04, "支出", "一般公共预算财政拨款", t05, totalKey05(t05), tie);
  }
  if (t05 && t06) {
    tie(
      ref(t05, totalLine(t05), "基本支出"),
      [
        ref(t06, line(t06, "人员经费", "人员经费合计"), "金额"),
        ref(t06, line(t06, "公用经费", "公用经费合计"), "金额"),
      ],
      {
        zh: "基本支出（= 06表 人员经费合计 + 公用经费合计）",
        en: "basic spending (= table 06 personnel + public-use totals)",
      },
    );
  }
  for (const [t, col, incomeLabel] of [
    [t07, "政府性基金预算财政拨款", "政府性基金预算财政拨款"],
    [t08, "国有资本经营预算财政拨款", "国有资本经营预算财政拨款"],
  ] as const) {
    if (!t || !t04) continue;
    tie(ref(t, totalLine(t), "本年支出"), [ref(t04, line(t04, "支出", "本年支出合计"), col)], {
      zh: "本年支出",
      en: "spending of the year",
    });
    tie(ref(t, totalLine(t), "本年收入"), [ref(t04, line(t04, "收入", incomeLabel), "金额")], {
      zh: "本年收入",
      en: "income of the year",
    });
  }
  return { findings: out, checks, tied, covered };
}

function totalKey05(t: PlacedAccountsTable): string {
  const l = totalLine(t);
  return ["本年支出合计", "合计", "本年支出"].find((k) => l?.amounts[k]) ?? "合计";
}

function line(t: PlacedAccountsTable, group: string, label: string): AccountsLine | undefined {
  return t.table.lines.find((l) => l.group === group && l.label.replace(/收入$/, "") === label.replace(/收入$/, ""));
}

/** The 合计 line of a subject table. */
function totalLine(t: PlacedAccountsTable): AccountsLine | undefined {
  return t.table.lines.find((l) => !l.code && /^合计$|^总计$/.test(l.label));
}

function ref(t: PlacedAccountsTable, l: AccountsLine | undefined, key: string): Ref | undefined {
  const cell = l?.amounts[key];
  if (!cell) return undefined;
  const label = l!.label === "合计" ? `合计行${key}` : key === "金额" ? l!.label : `${l!.label} ${key}`;
  return { at: t, cell, name: `${accountsName(t.table)} ${label}` };
}

/** Each 类 line of a two-sided summary against the 类 row of a subject table, by name. */
function classTies(
  summary: PlacedAccountsTable,
  group: string,
  key: string,
  subjects: PlacedAccountsTable,
  subjectKey: string,
  tie: (total: Ref | undefined, parts: Array<Ref | undefined>, what: { zh: string; en: string }) => void,
): void {
  const classes = subjects.table.lines.filter((l) => l.level === "类");
  const totalAt = summary.table.lines.findIndex((l) => l.group === group && /^本年(收入|支出)合计$/.test(l.label));
  const sumLines = summary.table.lines.filter(
    (l, i) => l.group === group && (totalAt < 0 || i < totalAt) && l.label !== "" && !l.sub,
  );
  for (const l of sumLines) {
    const target = classes.find((c) => c.label === l.label);
    const here = ref(summary, l, key);
    if (target) {
      tie(ref(subjects, target, subjectKey), [here], { zh: `${l.label}`, en: l.label });
    } else if (here && /\d/.test(here.cell.text) && !/^0(\.0+)?$/.test(here.cell.text.replace(/,/g, ""))) {
      // A class with money in the summary but no row in the subject table.
      tie(here, [], { zh: l.label, en: l.label });
    }
  }
}

/** The notes of accounts.cross-table, by id. */
export const MESSAGES = {
  tie: {
    zh: "复核：{table}的{what}应与 {formula} 一致（{expected}），表列 {stated}。",
    en: "Check: {whatEn} of {table} should match {formula} ({expected}); stated {statedEn}.",
  },
  tieRounding: {
    zh: "复核（舍位差异）：{table}的{what}应与 {formula} 一致（{expected}），表列 {stated}。",
    en: "Check (rounding): {whatEn} of {table} should match {formula} ({expected}); stated {statedEn}.",
  },
  noSubjectRow: {
    zh: "复核：{total} 有数 {stated}，但对应的分科目表中没有「{what}」这一类。",
    en: 'Check: {total} has {statedEn} but the subject table has no row for "{whatEn}".',
  },
} as const;

function compareTie(
  total: Ref,
  parts: Ref[],
  what: { zh: string; en: string },
  profile: string,
): { compared: boolean; finding?: Finding } {
  const ctx: AccountsContext = newContext(total.at.tableIndex, profile, total.at.table.unit);
  const read = (r: Ref): Amount | null | "unreadable" =>
    readAmount(newContext(r.at.tableIndex, profile, r.at.table.unit), r.cell, r.name);
  const t = readAmount(ctx, total.cell, total.name);
  const ps = parts.map(read);
  if (t === "unreadable" || ps.some((p) => p === "unreadable")) return { compared: false };
  const present = ps.filter((p): p is Amount => p !== null);
  if (t === null && present.length === 0) return { compared: false };
  const decimals = Math.min(...[t, ...present].filter((x): x is Amount => !!x).map((x) => x.decimals));
  const cmp = compareSum(
    { kind: "number", value: t ? t.value : new Decimal(0), decimals },
    present.map((p) => p.value),
  );
  if (cmp.verdict === "agree") return { compared: true };
  const { sum } = cmp;
  const where = (r: Ref) =>
    r.at.sheetName ? `${r.at.sheetName}!${toA1(r.cell.row, r.cell.col)}` : toA1(r.cell.row, r.cell.col);
  const formula =
    parts.length === 0
      ? "（无此科目行）"
      : parts
          .map((p, i) => `${p.name} ${ps[i] && ps[i] !== "unreadable" ? (ps[i] as Amount).shown : "（空）"}`)
          .join(" + ");
  const expected = inUnit(ctx, sum, decimals);
  const statedText = t ? t.shown : "（空）";
  const rounding = cmp.verdict === "rounding";
  const fields = {
    total: total.name,
    table: accountsName(total.at.table),
    what: what.zh,
    whatEn: what.en,
    formula,
    expected,
    stated: statedText,
    statedEn: t ? t.shown : "(blank)",
  };
  const note = say(MESSAGES, parts.length === 0 ? "noSubjectRow" : rounding ? "tieRounding" : "tie", fields);
  const finding: Finding = {
    rule: "accounts.cross-table",
    category: "arithmetic",
    severity: rounding && parts.length > 0 ? "info" : "error",
    row: total.cell.row,
    col: total.cell.col,
    cell: toA1(total.cell.row, total.cell.col),
    stated: statedText,
    expected: parts.length === 0 ? "" : expected,
    formula,
    ...note,
    profile,
    table: total.at.tableIndex,
    related: parts.map(where),
  };
  return { compared: true, finding };
}

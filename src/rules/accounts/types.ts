/**
 * The nine 部门决算 tables (rules-reference §4) as plain data, whatever their layout on the sheet.
 */
import type { StatedCell } from "../types";

/** 公开01表 … 公开09表. */
export type AccountsKind =
  | "income-expenditure-summary"
  | "income"
  | "expenditure"
  | "fiscal-income-expenditure-summary"
  | "general-budget-expenditure"
  | "general-budget-basic-expenditure"
  | "government-fund"
  | "state-capital-operation"
  | "three-public-expenses";

/** Kinds in the order of the published set: index 0 is 公开01表. */
export const ACCOUNTS_KINDS: readonly AccountsKind[] = [
  "income-expenditure-summary",
  "income",
  "expenditure",
  "fiscal-income-expenditure-summary",
  "general-budget-expenditure",
  "general-budget-basic-expenditure",
  "government-fund",
  "state-capital-operation",
  "three-public-expenses",
];

/** 公开01表 … 公开09表 of a kind. */
export function accountsNumber(kind: AccountsKind): string {
  return `公开0${ACCOUNTS_KINDS.indexOf(kind) + 1}表`;
}

/**
 * How a table is named in notes: 公开01表 … 公开09表 for the nine 部门决算 tables, and the title itself for a
 * 三公 table published on its own (`「2024年市级“三公”经费预算表」`).
 */
export function accountsName(t: { kind: AccountsKind; title: string }): string {
  if (t.kind !== "three-public-expenses") return accountsNumber(t.kind);
  const title = t.title.replace(/[\s“”"'‘’]/g, "");
  if (/公开0?9表|三公经费支出决算表$/.test(title)) return accountsNumber(t.kind);
  return `「${t.title.trim().slice(0, 40)}」`;
}

/** Subject level by code length: 类 3 digits, 款 5, 项 7 (功能分类); 经济分类 类 3, 款 5. */
export type SubjectLevel = "类" | "款" | "项";

/**
 * One amount column. `group` is the side or block the column belongs to (收入 / 支出 for the two-sided
 * summaries, 预算数 / 决算数 for 三公, 人员经费 / 公用经费 for 06; "" otherwise). `key` is the column's
 * canonical name inside its group: 本年收入合计, 财政拨款收入, 基本支出, 合计, 金额, 公务接待费 ….
 */
export interface AccountsColumn {
  group: string;
  key: string;
  /** The header texts above the column, outermost first. */
  path: string[];
  col: number;
}

/** One line of a table: a row of one group, with its label, subject code and amounts by column key. */
export interface AccountsLine {
  group: string;
  row: number;
  /** Normalised label without numbering: 本年收入合计, 教育支出, 总计 … ("" when the row has none). */
  label: string;
  /** The label cell (absent when the group has no label column, as in 三公). */
  labelCell?: StatedCell;
  /** 功能分类 / 经济分类 code, e.g. "2050302" (joined from 类/款/项 columns when split). */
  code?: string;
  level?: SubjectLevel;
  /** A line written "其中：…", part of the line above rather than of the total. */
  sub: boolean;
  amounts: Record<string, StatedCell>;
}

/** The amount unit a table states (单位：万元 / 元 / 亿元). */
export type AccountsUnit = "万元" | "元" | "亿元";

/**
 * A change on the year before, stated beside two series (三公 tables: 2023年预算数 | 2024年预算数 |
 * 增、减金额 | 增、减幅度): the change amount and rate cells by item key.
 */
export interface AccountsChange {
  /** The earlier series (group name) and the later one. */
  from: string;
  to: string;
  amount: Record<string, StatedCell>;
  rate: Record<string, StatedCell>;
  /** The column states decreases as positive figures (支出减少情况). */
  decrease: boolean;
}

/** A recognised 部门决算 table. */
export interface AccountsTable {
  kind: AccountsKind;
  /** The title as written, e.g. 收入支出决算总表. */
  title: string;
  /** The cell holding the title. */
  titleCell: StatedCell;
  /** Amount unit from the 单位 line; `unitStated` false when the table states none (万元 assumed). */
  unit: AccountsUnit;
  unitStated: boolean;
  range: { top: number; left: number; bottom: number; right: number };
  columns: AccountsColumn[];
  lines: AccountsLine[];
  /** 三公 tables: changes on the year before, when the table states them. */
  changes?: AccountsChange[];
  /** 三公 tables: items as rows (the usual) or as columns (公开09表 and most 预算 tables). */
  shape?: "items-as-rows" | "items-as-columns";
  /** The sheet the table is on, set when one result merges several sheets (Validate workbook). */
  sheet?: string;
}

/**
 * Plain data shared by the rules, the table finder and every caller (task pane, ribbon command,
 * custom functions, CLI). Nothing here knows about Excel, the DOM or Node.
 */

import type { AccountsKind } from "./accounts/types";
import type { FindingCategory } from "./categories";

/** A raw cell value as Excel's `Range.values` or exceljs gives it. */
export type CellValue = string | number | boolean | null;

/**
 * One cell of a recognised table, with its absolute 0-based sheet position.
 * `text` is what the user sees (Excel's `Range.text`); `numberFormat` is the cell's format code.
 */
export interface StatedCell {
  row: number;
  col: number;
  value: CellValue;
  text: string;
  numberFormat: string;
  /**
   * Set on a figure the table states only inside a label, such as the 10 of `预算执行情况(10分)` or the 50 of
   * `产出指标(50分)`: the label as printed. The cell (row, col) is the label's cell.
   */
  fromLabel?: string;
}

export type Severity = "error" | "warning" | "info";

/** Stable ids of the checks: the keys of the registry (src/rules/registry.ts). */
export type { RuleId } from "./registry";
import type { RuleId } from "./registry";

export type TableKind = "project-self-evaluation" | "unit-self-evaluation" | AccountsKind | "narrative";
/**
 * The layout family: 2024 (业绩值 | 完成率 …), 2020 (年度指标值 | 实际完成值, the national template and most
 * provinces), unit (单位/部门整体), unscored (专项资金 and 转移支付 forms without 分值/得分), accounts, text.
 */
export type TableLayout = "2024" | "2020" | "unit" | "unscored" | "accounts" | "text";

/** One row of the fund block (项目资金 / 部门资金). Amounts are 万元. */
export interface FundRow {
  /** Normalised label: 年度资金总额, 当年财政拨款, 上年结转资金, 其他资金, 上级资金, 本级资金, 合计 … */
  label: string;
  role: "total" | "part";
  row: number;
  /** 年初预算数 */
  budgetInitial?: StatedCell;
  /** 全年预算数 */
  budgetFull?: StatedCell;
  /** 全年执行数 */
  executed?: StatedCell;
  /** 分值 / 分值权重 */
  points?: StatedCell;
  /** 执行率 */
  rate?: StatedCell;
  /** 得分 */
  score?: StatedCell;
}

/** 项目资金（万元）/ 部门资金（万元） block. */
export interface FundBlock {
  rows: FundRow[];
  /** 年度资金总额 (project) or 合计 (unit); undefined when the block has no total row. */
  total?: FundRow;
  /** The rows that add up to the total. */
  parts: FundRow[];
  /** Where the block states 分值, 执行率 and 得分: the total row (000) or the first row (001 unit table). */
  points?: StatedCell;
  rate?: StatedCell;
  score?: StatedCell;
  /** Amount unit of the block (`项目资金(元)`, `单位：元`); 万元 when the table does not say. */
  unit: "万元" | "元" | "亿元";
  /** Splits of the total written as label:figure lines (湖南 部门整体: 按收入性质分, 按支出性质分). */
  breakdowns?: FundBreakdown[];
}

/** One split of the 年度资金总额 written as `label:figure` lines (`按支出性质分:1925.67`, `其中:基本支出:900.47`). */
export interface FundBreakdown {
  /** 按收入性质分 or 按支出性质分. */
  label: string;
  /** The cell of the split's own line. */
  labelCell: StatedCell;
  /** The subtotal the line states (`按支出性质分:1925.67` → 1925.67), absent when it states none. */
  total?: StatedCell;
  /** The lines under it, each a figure read from its label:figure text. */
  parts: Array<{ label: string; cell: StatedCell }>;
}

/** One row of 年度绩效指标 (indicator). */
export interface IndicatorRow {
  row: number;
  /** 一级指标 (carried down from a merged cell) */
  level1: string;
  /** 二级指标 */
  level2: string;
  /** 三级指标 */
  name: string;
  /** 权重 / 分值 / 分值权重 */
  weight?: StatedCell;
  /** 目标值 / 年度指标值 / 预期指标值 (A); with a split target (指标性质 | 指标值 | 度量单位), the 指标值 cell. */
  target?: StatedCell;
  /** 指标性质 (≥ = ≤ …) of a split target. */
  operator?: StatedCell;
  /** 度量单位 of a split target (applies to the target and, when it has none, the actual). */
  unit?: StatedCell;
  /** 业绩值 / 实际完成值 / 实际完成指标值 (B) */
  actual?: StatedCell;
  /** 完成率 (2024 layout only) */
  completionRate?: StatedCell;
  /** 指标得分 / 得分; with a 折算得分 column, the 折算得分 (the score the 总分 adds). */
  score?: StatedCell;
  /** With a 折算得分 column: the 单项得分 (out of 100) it is converted from. */
  singleScore?: StatedCell;
  /** 赋分规则 (2024 layout), e.g. 按照完成比例赋分, 直接赋分, 按评判等级赋分, 满意度赋分 */
  scoringRule?: string;
  /** 偏差原因分析及改进措施: the cell, present even when empty, when the table has that column. */
  deviationNote?: StatedCell;
  /** Index into the table's `blocks` (年度绩效目标1, 年度绩效目标2 …); 0 when the table has one block. */
  block: number;
}

/**
 * An indicator block: one indicator header and its rows. A table has several when its template splits
 * the indicators by goal (`年度绩效目标1(40分)`, `年度绩效目标2(40分)`).
 */
export interface IndicatorBlock {
  /** The block's side label as printed (`年度绩效目标1(40分)`, `绩效指标(90分)`), "" when none. */
  label: string;
  /** The weight the label states (`(40分)`), as a figure at the label's cell. */
  points?: StatedCell;
  /** The header row. */
  headerRow: number;
  /** True when the block is seen to end (another block or the 总分 row follows): its sums can be checked. */
  complete: boolean;
}

/** A 一级指标 group whose label states its weight: `产出指标(50分)`, `(30分)`. */
export interface LevelGroup {
  /** The 一级指标 words ("" when the label is only the weight). */
  level1: string;
  /** The weight, at the label's cell. */
  points: StatedCell;
  /** Index of the block the group is in. */
  block: number;
  /** Sheet rows of the group's indicator rows. */
  rows: number[];
  /** True when the group is seen to end (another 一级指标, block or the 总分 row follows). */
  complete: boolean;
}

/** A header cell of a recognised table that no role could be given. */
export interface UnmappedHeader {
  /** The header as printed. */
  text: string;
  /** The header cell. */
  cell: StatedCell;
  /** Which part of the table: the fund block or the indicator block. */
  part: "fund" | "indicator";
  /** True when the column holds figures in the table's rows (worth a `table.unmapped-column` warning). */
  numeric: boolean;
}

/** 总分 row: the weight total (100) and the stated total score. */
export interface TotalRow {
  row: number;
  weight?: StatedCell;
  score?: StatedCell;
}

/** A recognised 项目支出绩效自评表 or 单位整体支出绩效自评表. */
export interface SelfEvaluationTable {
  kind: TableKind;
  layout: TableLayout;
  /** 项目名称 or 单位名称 */
  title: string;
  /** 年度 from the heading, e.g. 2024; used to complete dates written without a year. */
  year?: number;
  /** Inclusive 0-based rectangle on the sheet. */
  range: { top: number; left: number; bottom: number; right: number };
  fund?: FundBlock;
  indicators: IndicatorRow[];
  total?: TotalRow;
  /** The table has a 完成率 column. */
  hasCompletionRate: boolean;
  /** The table has a 偏差原因分析及改进措施 column. */
  hasDeviationColumn: boolean;
  /**
   * The one 偏差大或目标未完成原因分析 field some templates put below the table instead of a column: the
   * cell where the reason is written (right of its label).
   */
  deviationField?: StatedCell;
  /** The title cell (the heading, else the 项目名称 line, else the first header cell): where table-level findings go. */
  titleCell?: StatedCell;
  /** The label cell of the 项目名称 / 单位名称 line, when the table has one (its name may still be blank). */
  nameLabel?: StatedCell;
  /** The 实际完成情况 text of the goal block (what the unit says was done), when the table has one. */
  achievedText?: StatedCell;
  /** The indicator blocks, in sheet order (one for most templates). */
  blocks: IndicatorBlock[];
  /** 一级指标 groups whose label states a weight. */
  groups: LevelGroup[];
  /** The header cell of every mapped role: `fund.executed`, `indicator.target` … */
  columns: Record<string, StatedCell>;
  /** Header cells no role could be given (the vocabulary does not know them). */
  unmapped: UnmappedHeader[];
  /** Indicator rows left out as template rows (`指标2:`, `……`, a row of `/`). */
  templateRows: number[];
  /** The names of the saved layouts (user column mappings) applied to this table. */
  layouts?: string[];
  /** The sheet the table is on, set when one result merges several sheets (Validate workbook). */
  sheet?: string;
}

/** One disagreement (or note) about one cell. */
export interface Finding {
  rule: RuleId;
  severity: Severity;
  /** 计算错误, 口径差异, 缺失 or 无法复核 (see src/rules/categories.ts). */
  category: FindingCategory;
  /** Absolute 0-based position of the cell the finding is about. */
  row: number;
  col: number;
  /** Plain A1 address of that cell (no sheet, no `$`). */
  cell: string;
  /** The cell's text as shown. */
  stated: string;
  /** The recomputed figure at the stated precision ("" when nothing can be recomputed). */
  expected: string;
  /** The formula with the real numbers, e.g. "分值 10 × 执行数 694.90 / 预算数 700.00". */
  formula: string;
  /** Plain-Chinese explanation used in the note. */
  message: string;
  /** The same explanation in English, for an English task pane. */
  messageEn: string;
  /** The id of the template the note was written from, in the rule's module (e.g. `disagree`, `unreadable`). */
  messageId: string;
  /** The named values filled into that template and into any sentence appended to it. */
  fields: Record<string, string>;
  /** Id of the scoring profile the finding was judged under. */
  profile: string;
  /** Index of the table in the validation result. */
  table: number;
  /**
   * Set on a stated score that no scoring profile reproduces (no preset, no combination of choices, not
   * the selected profile): the strongest kind of finding.
   */
  unexplained?: boolean;
  /**
   * The cells that entered the recomputation (A1, or `Sheet!A1` on another sheet): the parts of a sum the
   * finding sits on. Lets a caller show which cells to look at; not part of the JSON report.
   */
  related?: string[];
  /** The sheet the cell is on, set when one result covers several sheets (Validate workbook). */
  sheet?: string;
}

/**
 * The recomputed columns (复核完成率 / 复核执行率, 复核得分, 差异, 复核总分) beside each recognised
 * self-evaluation table: where they go and what each cell holds. Excel writes the formulas (live, over
 * the DC.* custom functions); the CLI writes the values, computed by the same functions.
 * Pure: a grid and a validation result in, a plan out. Nothing here knows Excel or exceljs.
 */
import { budgetScoreOf, checkOf, completionRateOf, executionRateOf, scoreOf } from "../rules/recompute";
import { columnLetters } from "../rules/address";
import { isPercentFormat, looksLikeDateFormat } from "../rules/parse";
import type { CellValue, IndicatorRow, SelfEvaluationTable, StatedCell } from "../rules/types";
import { cellAt, type Grid } from "./grid";
import type { ValidationResult } from "./validate";

/** The three columns of a block, left to right. */
export const BLOCK_WIDTH = 3;

/** Number formats of the block's columns: a rate, a score, a difference. */
export const COLUMN_FORMATS = ["0.00%", "0.00", "0.00"] as const;

/** Header texts, per part of the table. */
export const HEADERS = {
  fund: ["复核执行率", "复核得分", "差异"],
  indicators: ["复核完成率", "复核得分", "差异"],
  total: "复核总分",
  /** The total's label when graded rows count their stated score (inside their band, else its nearer end). */
  totalGraded: "复核总分（定性指标取表列得分）",
} as const;

/** One cell the add-in writes, in the sheet's coordinates after the block insertions of the plan. */
export interface RecomputedCell {
  row: number;
  col: number;
  /** A header or label ("复核得分", "复核总分"): written as text, styled like the table's header. */
  header?: string;
  /** The live formula, e.g. `=DC.SCORE($D14,$E14,$F14,$L14,"national")`. */
  formula?: string;
  /**
   * The value the formula gives today (the CLI writes it): a number, a band text such as "8.00–10.00",
   * or an error text "#VALUE!" with `error` saying why.
   */
  value: number | string | null;
  error?: string;
  /** Number format of the cell ("0.00%", "0.00", or "@" for a header). */
  numberFormat: string;
}

/** The columns beside one stack of tables (tables stacked vertically share one block). */
export interface ColumnBlock {
  /** Indexes (in the validation result) of the tables the block serves. */
  tables: number[];
  /** Rows the block spans (the stack's first and last row). */
  top: number;
  bottom: number;
  /** First column of the block after the plan's insertions. */
  left: number;
  /**
   * "empty-cells": written into empty cells right of the stack; "insert-columns": three whole columns
   * inserted at `insertAt`, shifting what was there to the right.
   */
  mode: "empty-cells" | "insert-columns";
  /** The block's first column before any insertion of the plan (right of the stack's last column). */
  insertAt: number;
  /** The header cell whose look the block's headers copy (before any insertion). */
  headerStyleFrom: { row: number; col: number } | null;
  cells: RecomputedCell[];
}

export interface ColumnPlan {
  blocks: ColumnBlock[];
  /** Whole columns the plan inserts (0 when every block fits into empty cells). */
  insertedColumns: number;
}

/**
 * True when a stated number is shown as a percent or a date: a custom function would receive its bare
 * value (0.977 for 97.7%, a serial for a date), while the validator reads what it shows. The same format
 * rules as the parsers decide.
 */
function shownAsText(cell: StatedCell): boolean {
  return (
    typeof cell.value === "number" && (isPercentFormat(cell.numberFormat) || looksLikeDateFormat(cell.numberFormat))
  );
}

/**
 * What a DC.* function receives from the inserted formula for a cell: the text it shows when it holds a
 * number formatted as a percent or a date (the formula passes TEXT(cell, format)), else its value.
 * Input: a stated cell. Output: the raw argument (number, text or null).
 */
export function formulaArgumentValue(cell: StatedCell): CellValue {
  return shownAsText(cell) ? cell.text : cell.value;
}

/**
 * A reference to a table cell as a DC.* argument: an empty cell passes "" (empty), whatever the host.
 * Excel on Windows and Mac passes an empty referenced cell to a custom function as 0 (Excel on the web
 * as null), which would make a cleared 执行数 a rate of 0% and a cleared 表列数 a difference of minus the
 * score; "" makes the function say #VALUE! with the reason instead.
 */
function blankable(ref: string, inner = ref): string {
  return `IF(ISBLANK(${ref}),"",${inner})`;
}

/**
 * The formula text that passes a cell to a DC.* function (see formulaArgumentValue), empty when the cell
 * is (TEXT() would turn a cleared cell into "0.00%").
 */
function formulaArgument(cell: StatedCell, ref: string): string {
  return blankable(ref, shownAsText(cell) ? `TEXT(${ref},"${cell.numberFormat.replace(/"/g, '""')}")` : ref);
}

/** Calls a DC.* function the way Excel would; an error becomes "#VALUE!" with its message. */
function evaluate(f: () => number | string): { value: number | string; error?: string } {
  try {
    return { value: f() };
  } catch (e) {
    return { value: "#VALUE!", error: (e as Error).message };
  }
}

const str = (s: string) => `"${s.replace(/"/g, '""')}"`;

interface Placed {
  index: number;
  table: SelfEvaluationTable;
  profile: string;
}

/** Groups tables whose column spans overlap, directly or through another table (stacked vertically). */
function stacks(tables: Placed[]): Placed[][] {
  const groups = [...tables].sort((a, b) => a.table.range.left - b.table.range.left).map((t) => [t]);
  const span = (g: Placed[]) => [
    Math.min(...g.map((x) => x.table.range.left)),
    Math.max(...g.map((x) => x.table.range.right)),
  ];
  for (let i = 0; i < groups.length; i++)
    for (let j = i + 1; j < groups.length; j++) {
      const [l1, r1] = span(groups[i]);
      const [l2, r2] = span(groups[j]);
      if (l1 <= r2 && l2 <= r1) {
        groups[i].push(...groups.splice(j, 1)[0]);
        j = i; // the wider group may now reach groups already passed
      }
    }
  return groups;
}

/**
 * Plans the recomputed columns of one sheet.
 * Inputs: the sheet's grid and its validation result (for the recognised tables and the profile each
 * was judged under). Output: one block per stack of tables, right of the stack's last column: written
 * into the cells there when they are all empty and not merged, otherwise into three inserted columns.
 * Every cell carries its formula (addresses after the insertions) and today's value. Never throws.
 */
export function planRecomputedColumns(grid: Grid, result: ValidationResult): ColumnPlan {
  const placed: Placed[] = result.recognised.map((table, index) => ({
    index,
    table,
    profile: result.tables[index]?.judgedUnder || "national",
  }));
  const groups = stacks(placed.filter((p) => p.table.indicators.length > 0 || p.table.fund));
  const merged = (row: number, col: number) =>
    grid.merges.some((m) => m.top <= row && row <= m.bottom && m.left <= col && col <= m.right);
  const isEmpty = (row: number, col: number) => {
    const c = cellAt(grid, row, col);
    return (c.value === null || c.value === "") && c.text.trim() === "" && !merged(row, col);
  };

  // Pass 1: each stack's block in the sheet's coordinates before any insertion.
  const drafts = groups.map((g) => {
    const right = Math.max(...g.map((p) => p.table.range.right));
    const rows = g.flatMap((p) => rowsWritten(p.table));
    const fits = rows.every((r) => [0, 1, 2].every((k) => isEmpty(r, right + 1 + k)));
    return { group: g, at: right + 1, mode: (fits ? "empty-cells" : "insert-columns") as ColumnBlock["mode"] };
  });
  const inserts = drafts.filter((d) => d.mode === "insert-columns").map((d) => d.at);
  /** A column before the insertions → after them (an insertion at p shifts columns ≥ p). */
  const shift = (col: number) => col + BLOCK_WIDTH * inserts.filter((p) => p <= col).length;

  const blocks = drafts.map(({ group, at, mode }) => {
    const left = mode === "insert-columns" ? at + BLOCK_WIDTH * inserts.filter((p) => p < at).length : shift(at);
    const cells: RecomputedCell[] = [];
    let headerStyleFrom: ColumnBlock["headerStyleFrom"] = null;
    for (const p of group) {
      const h = tableCells(p, left, shift, grid);
      cells.push(...h.cells);
      headerStyleFrom ??= h.headerStyleFrom;
    }
    return {
      tables: group.map((p) => p.index).sort((a, b) => a - b),
      top: Math.min(...group.map((p) => p.table.range.top)),
      bottom: Math.max(...group.map((p) => p.table.range.bottom)),
      left,
      mode,
      insertAt: at,
      headerStyleFrom,
      cells,
    };
  });
  return { blocks: blocks.filter((b) => b.cells.length > 0), insertedColumns: BLOCK_WIDTH * inserts.length };
}

/** The rows a table's block writes to (before planning the columns). */
function rowsWritten(t: SelfEvaluationTable): number[] {
  const rows = new Set<number>();
  const fund = t.fund;
  if (fund && fund.rows.length > 0) {
    rows.add(fund.rows[0].row - 1);
    for (const r of fund.rows) rows.add(r.row);
  }
  if (t.indicators.length > 0) rows.add(t.indicators[0].row - 1);
  for (const r of t.indicators) rows.add(r.row);
  if (t.total) rows.add(t.total.row);
  return [...rows].filter((r) => r >= t.range.top);
}

/** The cells of one table's part of a block. */
function tableCells(
  p: Placed,
  left: number,
  shift: (col: number) => number,
  grid: Grid,
): { cells: RecomputedCell[]; headerStyleFrom: ColumnBlock["headerStyleFrom"] } {
  const t = p.table;
  const cells: RecomputedCell[] = [];
  const ref = (c: StatedCell) => `$${columnLetters(shift(c.col))}${c.row + 1}`;
  const arg = (c: StatedCell | undefined) => (c ? formulaArgument(c, ref(c)) : '""');
  const val = (c: StatedCell | undefined) => (c ? formulaArgumentValue(c) : null);
  const own = (row: number, k: number) => `${columnLetters(left + k)}${row + 1}`;
  const profile = str(p.profile);
  let headerStyleFrom: ColumnBlock["headerStyleFrom"] = null;
  const header = (row: number, texts: readonly string[]) => {
    if (row < t.range.top) return;
    headerStyleFrom ??= { row, col: t.range.right };
    texts.forEach((h, k) => cells.push({ row, col: left + k, header: h, value: h, numberFormat: "@" }));
  };
  const formula = (row: number, k: number, f: string, run: () => number | string) => {
    const v = evaluate(run);
    cells.push({
      row,
      col: left + k,
      formula: f,
      value: v.value,
      ...(v.error ? { error: v.error } : {}),
      numberFormat: COLUMN_FORMATS[k],
    });
  };
  const scoreCells: string[] = [];
  let graded = false;
  /** True when the row's score is a band (按评判等级赋分): its stated score is what 复核总分 counts. */
  const isBand = (r: IndicatorRow, a: CellValue, b: CellValue, rule: string, profile: string): boolean => {
    try {
      return typeof scoreOf(r.weight ? formulaArgumentValue(r.weight) : null, a, b, rule, profile) === "string";
    } catch {
      return false;
    }
  };
  // A split target (指标性质 | 指标值 | 度量单位) goes in as the text the three cells make: ≥ & 95 & %; a
  // bare-number actual gets the unit too. Today's value is what Excel's & gives for the same cells.
  const textOf = (c: StatedCell | undefined) => (c ? String(formulaArgumentValue(c) ?? "") : "");
  const isNumber = (c: StatedCell) => typeof c.value === "number" || /^[+-]?[\d,]*\.?\d+$/.test(textOf(c).trim());
  const targetArgument = (r: IndicatorRow, a: StatedCell): [string, CellValue] => {
    if (!r.operator && !r.unit) return [arg(a), val(a)];
    const unit = r.unit && isNumber(a) ? r.unit : undefined;
    const parts = [
      r.operator ? ref(r.operator) : null,
      arg(a),
      r.unit ? `IF(ISNUMBER(${ref(a)}),${ref(r.unit)},"")` : null,
    ];
    return [parts.filter((x) => x).join("&"), `${textOf(r.operator)}${textOf(a)}${textOf(unit)}`];
  };
  const actualArgument = (r: IndicatorRow, b: StatedCell): [string, CellValue] => {
    if (!r.unit) return [arg(b), val(b)];
    return [
      `IF(ISNUMBER(${ref(b)}),${ref(b)}&${ref(r.unit)},${arg(b)})`,
      isNumber(b) ? `${textOf(b)}${textOf(r.unit)}` : val(b),
    ];
  };

  const fund = t.fund;
  if (fund && fund.rows.length > 0) {
    header(fund.rows[0].row - 1, HEADERS.fund);
    for (const r of fund.rows) {
      if (r.budgetFull && r.executed) {
        const [b, x] = [r.budgetFull, r.executed];
        // A source with nothing budgeted and nothing spent (其他资金 0 / 0) has no rate: shown empty.
        const nothing = (c: StatedCell) => c.value === null || c.value === "" || Number(c.value) === 0;
        formula(
          r.row,
          0,
          `=IF(AND(N(${ref(b)})=0,N(${ref(x)})=0),"",DC.EXECUTIONRATE(${blankable(ref(b))},${blankable(ref(x))}))`,
          () => (nothing(b) && nothing(x) ? "" : executionRateOf(b.value, x.value)),
        );
      }
    }
    const total = fund.total;
    const scored = fund.score ?? fund.rate;
    if (scored && fund.points && total?.budgetFull && total.executed) {
      const [pts, b, x] = [fund.points, total.budgetFull, total.executed];
      // A 分值 stated only in a label (预算执行情况(10分)) goes into the formula as its figure.
      const ptsArg = pts.fromLabel ? String(pts.value) : blankable(ref(pts));
      formula(scored.row, 1, `=DC.BUDGETSCORE(${ptsArg},${blankable(ref(b))},${blankable(ref(x))},${profile})`, () =>
        budgetScoreOf(val(pts), b.value, x.value, p.profile),
      );
      scoreCells.push(own(scored.row, 1));
      const stated = fund.score;
      if (stated) {
        const mine = cells[cells.length - 1].value;
        formula(scored.row, 2, `=DC.CHECK(${arg(stated)},${own(scored.row, 1)})`, () => checkOf(val(stated), mine));
      }
    }
  }

  if (t.indicators.length > 0) {
    header(t.indicators[0].row - 1, HEADERS.indicators);
    const first = cells.length;
    for (const r of t.indicators) {
      if (r.target && r.actual) {
        const [aArg, aVal] = targetArgument(r, r.target);
        const [bArg, bVal] = actualArgument(r, r.actual);
        formula(r.row, 0, `=DC.COMPLETIONRATE(${aArg},${bArg})`, () => completionRateOf(aVal, bVal));
      }
      if (r.weight && r.target && r.actual) {
        const w = r.weight;
        const [aArg, aVal] = targetArgument(r, r.target);
        const [bArg, bVal] = actualArgument(r, r.actual);
        const rule = r.scoringRule ?? "";
        const ruleCell = scoringRuleCell(grid, t, r.row, rule);
        const ruleArg = ruleCell ? blankable(ref(ruleCell)) : str(rule);
        // The stated score goes in too: a graded row then gives it where it lies in its band, so that
        // 复核总分 counts the row.
        const stArg = r.score ? `,${arg(r.score)}` : "";
        formula(r.row, 1, `=DC.SCORE(${arg(w)},${aArg},${bArg},${ruleArg},${profile}${stArg})`, () =>
          scoreOf(val(w), aVal, bVal, rule, p.profile, r.score ? val(r.score) : undefined),
        );
        if (r.score && isBand(r, aVal, bVal, rule, p.profile)) graded = true;
        if (r.score) {
          const stated = r.score;
          const mine = cells[cells.length - 1].value;
          formula(r.row, 2, `=DC.CHECK(${arg(stated)},${own(r.row, 1)})`, () => checkOf(val(stated), mine));
        }
      }
    }
    const scores = cells.slice(first).filter((c) => c.col === left + 1 && c.formula);
    if (scores.length > 0) {
      scoreCells.push(`${own(scores[0].row, 1)}:${own(scores[scores.length - 1].row, 1)}`);
    }
  }

  const total = t.total;
  if (total && scoreCells.length > 0) {
    const label = graded ? HEADERS.totalGraded : HEADERS.total;
    cells.push({ row: total.row, col: left, header: label, value: label, numberFormat: "@" });
    // AGGREGATE(9, 6, …) is SUM ignoring errors: a row that cannot be recomputed does not blank the total.
    const sum = cells
      .filter((c) => c.col === left + 1 && c.formula && typeof c.value === "number")
      .reduce((a, c) => a + (c.value as number), 0);
    const recomputed = Math.round(sum * 100) / 100;
    formula(total.row, 1, `=AGGREGATE(9,6,${scoreCells.join(",")})`, () => recomputed);
    if (total.score) {
      const stated = total.score;
      formula(total.row, 2, `=DC.CHECK(${arg(stated)},${own(total.row, 1)})`, () => checkOf(val(stated), recomputed));
    }
  }
  return { cells, headerStyleFrom };
}

/** The 赋分规则 cell of an indicator row, when the table states one (so the formula follows an edit to it). */
function scoringRuleCell(grid: Grid, t: SelfEvaluationTable, row: number, rule: string): StatedCell | null {
  if (!rule) return null;
  for (let col = t.range.left; col <= t.range.right; col++) {
    const c = cellAt(grid, row, col);
    if (typeof c.value === "string" && c.value.trim() === rule.trim())
      return { row, col, value: c.value, text: c.text, numberFormat: c.numberFormat };
  }
  return null;
}

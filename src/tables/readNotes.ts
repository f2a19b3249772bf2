/**
 * What the file reader saw that the auditor must know (rules `cell.no-cached-value`, `cell.out-of-range`):
 * a formula whose file holds no computed result is read as blank, and content beyond the cells read is
 * not read. Each becomes a warning at its cell, so silence still means "checked and consistent".
 */
import { RULE_CATEGORY } from "../rules/categories";
import { say } from "../rules/messages";
import type { Finding } from "../rules/types";
import { parseRangeA1, toA1 } from "../rules/address";

/** A note of the reader about one cell (see src/cli/read/workbook.ts). */
export interface ReaderNote {
  kind: "uncached-formula" | "out-of-bounds";
  row: number;
  col: number;
  /** uncached-formula: the formula; out-of-bounds: how many cells lie outside. */
  detail: string;
  /** out-of-bounds: the columns and rows the reader reads. */
  limits?: { columns: number; rows: number };
}

/** The notes of the two rules, by id. */
export const MESSAGES = {
  uncached: {
    zh: "复核：单元格是公式（={formula}），但文件中没有保存计算结果（多由脚本生成、未经 Excel 重新计算），按空白读取，相关复核可能不完整。请在 Excel 中打开、保存后再校验。",
    en: "Check: the cell is a formula (={formula}) but the file holds no computed result (written by a script, never recalculated); read as blank, so the checks it enters may be incomplete. Open and save it in Excel, then check again.",
  },
  outside: {
    zh: "复核：本工作表在读取范围（前 {columns} 列、前 {rows} 行）之外还有 {count} 个单元格有内容，自本格起未读取、未复核。",
    en: "Check: {count} cells of this sheet hold content beyond the cells read (the first {columns} columns and {rows} rows), from this cell on; not read, not checked.",
  },
} as const;

/**
 * The findings of a sheet's reader notes.
 * Inputs: the notes, the ranges of the sheet's tables in report order (a note inside a table is listed
 * under it; else under no table, index −1), and the profile id.
 * Output: one warning per note.
 */
export function readerFindings(notes: ReaderNote[], tableRanges: string[], profile: string): Finding[] {
  const areas = tableRanges.map((r) => parseRangeA1(r));
  return notes.map((n) => {
    const table = areas.findIndex(
      (a) => !!a && n.row >= a.top && n.row <= a.bottom && n.col >= a.left && n.col <= a.right,
    );
    const rule = n.kind === "uncached-formula" ? "cell.no-cached-value" : "cell.out-of-range";
    const said =
      n.kind === "uncached-formula"
        ? say(MESSAGES, "uncached", { formula: n.detail })
        : say(MESSAGES, "outside", {
            count: n.detail,
            columns: (n.limits?.columns ?? 0).toLocaleString("en-US"),
            rows: (n.limits?.rows ?? 0).toLocaleString("en-US"),
          });
    return {
      rule,
      severity: "warning",
      category: RULE_CATEGORY[rule],
      row: n.row,
      col: n.col,
      cell: toA1(n.row, n.col),
      stated: n.kind === "uncached-formula" ? `=${n.detail}` : "",
      expected: "",
      formula: "",
      ...said,
      profile,
      table,
    };
  });
}

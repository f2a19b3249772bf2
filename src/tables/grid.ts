/**
 * The sheet as plain data: a rectangle of cells {value, text, numberFormat} plus merged areas.
 * Excel (Range.values/text/numberFormat) and exceljs both map onto this; nothing here knows which.
 */
import type { CellValue, StatedCell } from "../rules/types";

export interface GridCell {
  value: CellValue;
  /** The text Excel shows for the cell. */
  text: string;
  numberFormat: string;
}

/** Inclusive 0-based rectangle in sheet coordinates. */
export interface Area {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface Grid {
  /** Sheet row and column of `cells[0][0]` (the used range may start anywhere). */
  top: number;
  left: number;
  /** Row-major cells; rows may be shorter than others (missing cells are empty). */
  cells: GridCell[][];
  /** Merged areas in sheet coordinates; their value lives in the top-left cell only. */
  merges: Area[];
}

export const EMPTY_CELL: GridCell = Object.freeze({ value: null, text: "", numberFormat: "General" }) as GridCell;

/** Number of rows and columns the grid spans. */
export function gridSize(grid: Grid): { rows: number; cols: number } {
  let cols = 0;
  for (const r of grid.cells) cols = Math.max(cols, r.length);
  return { rows: grid.cells.length, cols };
}

/** The cell at absolute sheet position (row, col), or an empty cell outside the grid. */
export function cellAt(grid: Grid, row: number, col: number): GridCell {
  const r = grid.cells[row - grid.top];
  if (!r) return EMPTY_CELL;
  return r[col - grid.left] ?? EMPTY_CELL;
}

/** The cell at (row, col) as a StatedCell carrying its absolute position. */
export function statedAt(grid: Grid, row: number, col: number): StatedCell {
  const c = cellAt(grid, row, col);
  return { row, col, value: c.value, text: c.text, numberFormat: c.numberFormat };
}

/** True when the grid holds no non-empty cell. */
export function isEmptyGrid(grid: Grid): boolean {
  const filled = (c: GridCell | undefined) =>
    !!c &&
    ((c.text ?? "").trim() !== "" || (c.value !== null && c.value !== undefined && String(c.value).trim() !== ""));
  return !grid.cells.some((r) => r.some(filled));
}

/** What normLabel changes: spaces, ASCII brackets and colons, and Word bookmarks ("[bookmark: …]"). */
const NEEDS_NORMALISING = /[\s():[]/;

/**
 * Normalises a label for matching: drops whitespace (including the wide spacing of `绩  效  指  标`),
 * Word artefacts and line breaks, and unifies brackets and colons.
 */
export function normLabel(text: string): string {
  if (!NEEDS_NORMALISING.test(text)) return text;
  return text
    .replace(/\[bookmark:[^\]]*\]/gi, "")
    .replace(/[\s\u00a0\u3000]+/g, "")
    .replace(/\(/g, "（")
    .replace(/\)/g, "）")
    .replace(/:/g, "：");
}

/** Builds a grid from a 2-D array of texts (tests and fixtures); numbers stay text. */
export function gridFromTexts(rows: string[][], top = 0, left = 0, merges: Area[] = []): Grid {
  return {
    top,
    left,
    merges,
    cells: rows.map((r) => r.map((t) => ({ value: t === "" ? null : t, text: t, numberFormat: "General" }))),
  };
}

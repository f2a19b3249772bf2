/**
 * Finds the 公开说明 text on a grid: cells outside every recognised table whose text states figures
 * (an amount in 万元/元 or a percentage) in a sentence. Pasted Word text lands one paragraph per cell.
 */
import { normalizeParagraph, type NarrativeParagraph } from "../rules/narrative";
import { gridSize, statedAt, type Area, type Grid } from "./grid";

/** Section headings (一、收入支出决算总体情况说明 …) are kept too: they tell which table a figure quotes. */
const HEADING = /^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|第[一二三四五六七八九十]+部分)/;

/**
 * The narrative paragraphs of a grid, in reading order (row by row).
 * Inputs: the grid and the areas of the tables already recognised on it (their cells are skipped).
 * Output: the paragraphs with their cells; empty when the sheet has no narrative with figures.
 */
export function findNarrative(grid: Grid, tables: Area[]): NarrativeParagraph[] {
  const { rows, cols } = gridSize(grid);
  // The table areas indexed by grid row, so that a cell is tested only against the tables on its row.
  const byRow: Area[][] = Array.from({ length: rows }, () => []);
  for (const a of tables)
    for (let r = Math.max(a.top, grid.top); r <= Math.min(a.bottom, grid.top + rows - 1); r++)
      byRow[r - grid.top].push(a);
  const inside = (r: number, c: number) => byRow[r - grid.top].some((a) => c >= a.left && c <= a.right);
  const out: NarrativeParagraph[] = [];
  let withFigures = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const r = grid.top + i;
      const c = grid.left + j;
      const cell = grid.cells[i]?.[j];
      if (!cell || typeof cell.value !== "string" || inside(r, c)) continue;
      const text = normalizeParagraph(cell.value);
      const figures = /\d(万元|元|%)/.test(text) && /[，。；]/.test(text) && text.length >= 12;
      if (figures) withFigures++;
      if (figures || (HEADING.test(text) && text.length <= 40))
        out.push({ text: cell.value, cell: statedAt(grid, r, c) });
    }
  }
  return withFigures > 0 ? out : [];
}

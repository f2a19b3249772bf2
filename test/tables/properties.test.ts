/**
 * Hostile input for the finder and the whole pipeline (fast-check): random grids, junk in real seed
 * tables, Excel errors, merged areas anywhere. Never an exception; every finding has an address.
 */
import fc from "fast-check";
import { NATIONAL } from "../../src/rules/profiles";
import { findTables } from "../../src/tables/find";
import type { Area, Grid, GridCell } from "../../src/tables/grid";
import { validateGrid } from "../../src/tables/validate";
import { loadGrid } from "../helpers";

const junk = fc.oneof(
  fc.string(),
  fc.constantFrom("#N/A", "#DIV/0!", "#VALUE!", "", " ", "—", "%%", "１２３．４", "≥", "<=万元", "2024年13月40日", "一级指标", "年初预算数", "总分", "年度资金总额", "项目名称"),
  fc.double().map(String),
  fc.integer({ min: -1e12, max: 1e12 }).map((n) => n.toLocaleString("en-US")),
);
const cellArb: fc.Arbitrary<GridCell> = fc.oneof(
  junk.map((t) => ({ value: t === "" ? null : t, text: t, numberFormat: "General" })),
  fc.double({ noNaN: false }).map((v) => ({ value: v, text: "", numberFormat: "0.00%" })),
  fc.integer({ min: 1, max: 80000 }).map((v) => ({ value: v, text: "", numberFormat: "yyyy/m/d" })),
);
const areaArb = (rows: number, cols: number): fc.Arbitrary<Area> =>
  fc.tuple(fc.nat(rows), fc.nat(cols), fc.nat(4), fc.nat(4)).map(([r, c, h, w]) => ({ top: r, left: c, bottom: r + h, right: c + w }));

test("random grids never throw, and every finding names a cell inside the grid", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 12 }),
      fc.integer({ min: 0, max: 14 }),
      fc.array(fc.array(cellArb, { maxLength: 14 }), { maxLength: 12 }),
      fc.array(areaArb(12, 14), { maxLength: 6 }),
      (top, left, cells, merges) => {
        const grid: Grid = { top, left, cells, merges: merges.map((m) => ({ top: m.top + top, left: m.left + left, bottom: m.bottom + top, right: m.right + left })) };
        const r = validateGrid(grid, NATIONAL);
        for (const f of r.findings) {
          expect(f.cell).toMatch(/^[A-Z]+\d+$/);
          expect(f.row).toBeGreaterThanOrEqual(top);
          expect(f.col).toBeGreaterThanOrEqual(left);
        }
        return ["ok", "empty-sheet", "no-table"].includes(r.status);
      },
    ),
    { numRuns: 1000 },
  );
});

test("junk written into a real seed table (001) never crashes; the tables are still found", async () => {
  const base = await loadGrid("self-evaluation-001.xlsx");
  const rows = base.cells.length;
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.nat(rows - 1), fc.nat(13), cellArb), { minLength: 1, maxLength: 8 }), (edits) => {
      const grid: Grid = { ...base, cells: base.cells.map((r) => [...r]) };
      for (const [r, c, cell] of edits) grid.cells[r][c] = cell;
      const result = validateGrid(grid, NATIONAL);
      expect(result.status).toBe("ok");
      // Junk can break a table's labels, never more than the tables it touches.
      expect(findTables(grid).length).toBeGreaterThanOrEqual(17 - edits.length);
      return true;
    }),
    { numRuns: 300 },
  );
});

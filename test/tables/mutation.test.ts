/**
 * Mutation test (issue: 部门决算 tables): every amount cell of the rebuilt workbooks is changed by
 * +1.00 万元 in turn, the workbook validated, and the cell restored. A mutation is caught when an error or
 * warning sits on the mutated cell, or on a total whose recomputation used it (`related`).
 * The misses are written to test-output/mutation-misses.json and explained in the closing note.
 */
import * as fs from "fs";
import * as path from "path";
import { getProfile } from "../../src/rules/profiles";
import type { GridCell } from "../../src/tables/grid";
import { validateSheets } from "../../src/tables/validate";
import { FIXTURES, loadSheets } from "../helpers";

const NATIONAL = getProfile("national");
const OUT = path.join(__dirname, "..", "..", "test-output");

jest.setTimeout(120000);

it("≥ 95% of +1.00 万元 mutations of the rebuilt workbooks are caught at the cell or at a total containing it", async () => {
  const prov = JSON.parse(fs.readFileSync(path.join(FIXTURES, "final-accounts-provenance.json"), "utf8")) as Record<
    string,
    Array<{ sheet: string; cell: string; text: string }>
  >;
  let total = 0;
  let caught = 0;
  const misses: Array<{ doc: string; sheet: string; cell: string; figure: string }> = [];
  for (const doc of Object.keys(prov)) {
    const sheets = await loadSheets(`final-accounts-${doc}.xlsx`);
    for (const p of prov[doc]) {
      const s = sheets.find((x) => x.name === p.sheet)!;
      const m = /^([A-Z]+)(\d+)$/.exec(p.cell)!;
      const col = m[1].charCodeAt(0) - 65;
      const row = Number(m[2]) - 1;
      const original = s.grid.cells[row][col];
      const value = Number(p.text.replace(/,/g, "")) + 1;
      s.grid.cells[row][col] = {
        ...original,
        value,
        text: value.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
      } as GridCell;
      const v = validateSheets(sheets, NATIONAL);
      s.grid.cells[row][col] = original;
      total++;
      const hit = v.sheets.some((sh) =>
        sh.result.findings.some(
          (f) =>
            f.severity !== "info" &&
            ((sh.name === p.sheet && f.cell === p.cell) ||
              (sh.name === p.sheet && f.related?.includes(p.cell)) ||
              f.related?.includes(`${p.sheet}!${p.cell}`)),
        ),
      );
      if (hit) caught++;
      else misses.push({ doc, sheet: p.sheet, cell: p.cell, figure: p.text });
    }
  }
  fs.mkdirSync(OUT, { recursive: true });
  fs.writeFileSync(
    path.join(OUT, "mutation-misses.json"),
    JSON.stringify({ total, caught, rate: caught / total, misses }, null, 1),
  );
  expect(total).toBeGreaterThan(500);
  expect(caught / total).toBeGreaterThanOrEqual(0.95);
});

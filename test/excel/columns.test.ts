/**
 * Insert and remove the recomputed columns on the simulated workbook (test/sim/excelSim.ts), over the
 * fixtures; and the restore guarantee: after insert → remove, and after validate → clear, a snapshot of
 * every cell (value, formula, number format, fill, font), the widths, merges, notes and names is
 * identical to the one taken before.
 */
import * as path from "path";
import { insertRecomputedColumns, memoryColumnsStore, removeRecomputedColumns } from "../../src/excel/columns";
import { clearActiveSheet, clearWorkbook, validateActiveSheet, validateWorkbook } from "../../src/excel/adapter";
import { ALL_CAPABILITIES } from "../../src/excel/capabilities";
import { memoryStore } from "../../src/excel/record";
import { NATIONAL } from "../../src/rules/profiles";
import { planRecomputedColumns } from "../../src/tables/columns";
import { scoreOf } from "../../src/functions/functions";
import { parseScore } from "../../src/rules/parse";
import { validateGrid } from "../../src/tables/validate";
import { loadGrid, loadSheets } from "../helpers";
import { SimWorkbook } from "../sim/excelSim";

const SAMPLE = path.join(__dirname, "..", "..", "assets", "samples", "sample.xlsx");
const SELF = [
  "self-evaluation-000.xlsx",
  "self-evaluation-001.xlsx",
  "self-evaluation-002.xlsx",
  "self-evaluation-003.xlsx",
];
const ACCOUNTS = ["final-accounts-000.xlsx", "final-accounts-001.xlsx", "final-accounts-002.xlsx"];

async function workbookOf(file: string): Promise<SimWorkbook> {
  const wb = new SimWorkbook();
  for (const s of await loadSheets(file)) wb.addSheet(s.name, s.grid);
  return wb;
}

const formulaCells = (wb: SimWorkbook) =>
  wb.sheets.flatMap((s) => [...s.cells.entries()].filter(([, c]) => c.formula).map(([k, c]) => [s.name, k, c.formula]));

describe("restore guarantee: insert → remove leaves every cell as it was", () => {
  test.each([...SELF, SAMPLE])("%s", async (file) => {
    const wb = await workbookOf(file);
    const before = JSON.stringify(wb.snapshot());
    const store = memoryColumnsStore();
    const grid = (await loadSheets(file))[0].grid;
    const plan = planRecomputedColumns(grid, validateGrid(grid, NATIONAL));

    const r = await insertRecomputedColumns(wb.context(), {
      profile: NATIONAL,
      allowShift: true,
      caps: ALL_CAPABILITIES,
      store,
    });
    expect(r.status).toBe("ok");
    expect(wb.syncs).toBe(3);
    expect(r.blocks).toBe(plan.blocks.length);
    const written = formulaCells(wb);
    expect(written.length).toBe(r.formulas);
    expect(written.length).toBeGreaterThan(0);
    expect(
      written.every(([, , f]) =>
        /^=(DC\.(EXECUTIONRATE|BUDGETSCORE|COMPLETIONRATE|SCORE|CHECK)|AGGREGATE|IF\(AND\(N\()/.test(String(f)),
      ),
    ).toBe(true);
    expect(wb.names.length).toBe(plan.blocks.length);
    expect(JSON.stringify(wb.snapshot())).not.toBe(before);

    const again = await insertRecomputedColumns(wb.context(), {
      profile: NATIONAL,
      allowShift: true,
      caps: ALL_CAPABILITIES,
      store,
    });
    expect(again.status).toBe("already-inserted");

    wb.syncs = 0;
    const removed = await removeRecomputedColumns(wb.context(), { caps: ALL_CAPABILITIES, store });
    expect(removed).toEqual({ status: "ok", removed: plan.blocks.length, lost: [], skipped: [] });
    expect(wb.syncs).toBe(2);
    expect(JSON.stringify(wb.snapshot())).toBe(before);
    expect(store.load()).toBeNull();
  });
});

describe("restore guarantee: validate → clear leaves every cell as it was", () => {
  test.each([...SELF, SAMPLE])("%s (Validate sheet)", async (file) => {
    const wb = await workbookOf(file);
    // A fill the user had before, on a cell the validation flags, comes back after Clear.
    const grid = (await loadSheets(file))[0].grid;
    const flagged = validateGrid(grid, NATIONAL).findings.find((f) => f.severity === "error");
    if (flagged) wb.sheets[0].cells.get(`${flagged.row},${flagged.col}`)!.fill = { color: "#DDEBF7", pattern: "Solid" };
    const before = JSON.stringify(wb.snapshot());
    const store = memoryStore();
    const v = await validateActiveSheet(wb.context(), { profile: NATIONAL, caps: ALL_CAPABILITIES, store });
    expect(v.status).toBe("ok");
    expect(v.highlighted).toBeGreaterThan(0);
    expect(JSON.stringify(wb.snapshot())).not.toBe(before);
    const c = await clearActiveSheet(wb.context(), { caps: ALL_CAPABILITIES, store });
    expect(c.restored).toBe(v.highlighted);
    expect(JSON.stringify(wb.snapshot())).toBe(before);
  });

  test.each(ACCOUNTS)("%s (Validate workbook, every sheet)", async (file) => {
    const wb = await workbookOf(file);
    const before = JSON.stringify(wb.snapshot());
    const store = memoryStore();
    const v = await validateWorkbook(wb.context(), { profile: NATIONAL, caps: ALL_CAPABILITIES, store });
    expect(v.status).toBe("ok");
    const c = await clearWorkbook(wb.context(), { caps: ALL_CAPABILITIES, store });
    expect(c.restored).toBe(v.highlighted);
    expect(JSON.stringify(wb.snapshot())).toBe(before);
  });
});

describe("placement", () => {
  test("the 48 tables of 000, stacked in one column band, share one block written into empty cells", async () => {
    const grid = await loadGrid("self-evaluation-000.xlsx");
    const result = validateGrid(grid, NATIONAL);
    const plan = planRecomputedColumns(grid, result);
    expect(plan.blocks.length).toBe(1);
    expect(plan.blocks[0].tables.length).toBe(result.recognised.length);
    expect(plan.blocks[0].mode).toBe("empty-cells");
    expect(plan.insertedColumns).toBe(0);
    // 000 教育教学质量提升 fund block: 执行率 from its own cells; the score under the table's profile.
    const cells = plan.blocks[0].cells;
    expect(
      cells.find((c) => c.formula === '=IF(AND(N($D26)=0,N($E26)=0),"",DC.EXECUTIONRATE(IF(ISBLANK($D26),"",$D26),IF(ISBLANK($E26),"",$E26)))')?.value,
    ).toBeCloseTo(0.992714, 6);
    expect(cells.find((c) => c.formula === '=DC.BUDGETSCORE(IF(ISBLANK($F26),"",$F26),IF(ISBLANK($D26),"",$D26),IF(ISBLANK($E26),"",$E26),"national")')?.value).toBe(9.93);
  });

  test("two tables side by side: the pane is asked first, then three whole columns are inserted and formulas follow the shift", async () => {
    // 001's first table, and a copy of it one column to its right.
    const source = await loadGrid("self-evaluation-001.xlsx");
    const t = validateGrid(source, NATIONAL).recognised[0];
    const gap = t.range.right - t.range.left + 2;
    const rows = source.cells.slice(0, t.range.bottom + 1).map((r) => {
      const own = r.slice(0, t.range.right + 1);
      while (own.length < t.range.right + 1) own.push({ value: null, text: "", numberFormat: "General" });
      return [...own, { value: null, text: "", numberFormat: "General" }, ...own.slice(t.range.left)];
    });
    const merges = source.merges.filter((m) => m.bottom <= t.range.bottom && m.right <= t.range.right);
    const grid = {
      top: 0,
      left: 0,
      cells: rows,
      merges: [...merges, ...merges.map((m) => ({ ...m, left: m.left + gap, right: m.right + gap }))],
    };
    expect(validateGrid(grid, NATIONAL).recognised.length).toBe(2);
    const row = t.indicators[0].row;
    const wb = new SimWorkbook();
    const sheet = wb.addSheet("自评表", grid);
    sheet.widths.set(t.range.right + 1, 90);
    const before = JSON.stringify(wb.snapshot());
    const store = memoryColumnsStore();

    const ask = await insertRecomputedColumns(wb.context(), {
      profile: NATIONAL,
      allowShift: false,
      caps: ALL_CAPABILITIES,
      store,
    });
    expect(ask.status).toBe("needs-shift");
    const at = t.range.right + 1;
    const letter = (c: number) => String.fromCharCode(65 + c);
    expect(ask.shiftAt).toEqual([`${letter(at)}:${letter(at + 2)}`]);
    expect(JSON.stringify(wb.snapshot())).toBe(before);

    const r = await insertRecomputedColumns(wb.context(), {
      profile: NATIONAL,
      allowShift: true,
      caps: ALL_CAPABILITIES,
      store,
    });
    expect(r.status).toBe("ok");
    expect(r.insertedColumns).toBe(3);
    expect(wb.log).toContain(`insert 自评表!${letter(at)}:${letter(at + 2)}`);
    // The second table moved three columns right; the first block's headers sit where the columns were inserted.
    expect(sheet.cells.get(`${row},${t.range.left + gap + 3}`)?.value).toBe(grid.cells[row][t.range.left].value);
    expect(sheet.cells.get(`${row - 1},${at + 1}`)?.value).toBe("复核得分");
    expect(sheet.cells.get(`${row},${at + 1}`)?.formula).toMatch(/^=DC\.SCORE\(IF\(ISBLANK\(\$/);

    await removeRecomputedColumns(wb.context(), { caps: ALL_CAPABILITIES, store });
    expect(JSON.stringify(wb.snapshot())).toBe(before);
  });

  test("a protected sheet: nothing is written, and the message says so", async () => {
    const wb = new SimWorkbook();
    wb.addSheet("自评表", await loadGrid("self-evaluation-002.xlsx"), { protected: true });
    const before = JSON.stringify(wb.snapshot());
    const r = await insertRecomputedColumns(wb.context(), {
      profile: NATIONAL,
      allowShift: true,
      caps: ALL_CAPABILITIES,
      store: memoryColumnsStore(),
    });
    expect(r.status).toBe("protected");
    expect(JSON.stringify(wb.snapshot())).toBe(before);
  });

  test("a sheet of 部门决算 tables only has no score to recompute", async () => {
    const wb = await workbookOf("final-accounts-000.xlsx");
    const r = await insertRecomputedColumns(wb.context(), {
      profile: NATIONAL,
      allowShift: true,
      caps: ALL_CAPABILITIES,
      store: memoryColumnsStore(),
    });
    expect(r.status).toBe("no-scored-table");
  });

  test("validating after Insert finds the same tables and findings (the new headers are not read as the table's)", async () => {
    const wb = await workbookOf("self-evaluation-002.xlsx");
    const first = await validateActiveSheet(wb.context(), {
      profile: NATIONAL,
      caps: ALL_CAPABILITIES,
      store: memoryStore(),
    });
    await clearActiveSheet(wb.context(), { caps: ALL_CAPABILITIES, store: memoryStore(null) });
    const wb2 = await workbookOf("self-evaluation-002.xlsx");
    await insertRecomputedColumns(wb2.context(), {
      profile: NATIONAL,
      allowShift: true,
      caps: ALL_CAPABILITIES,
      store: memoryColumnsStore(),
    });
    const second = await validateActiveSheet(wb2.context(), {
      profile: NATIONAL,
      caps: ALL_CAPABILITIES,
      store: memoryStore(),
    });
    expect(second.result?.tables.length).toBe(first.result?.tables.length);
    expect(second.result?.findings.map((f) => `${f.cell} ${f.rule} ${f.severity}`)).toEqual(
      first.result?.findings.map((f) => `${f.cell} ${f.rule} ${f.severity}`),
    );
  });
});

describe("复核总分 counts graded rows (按评判等级赋分) at their stated score inside the band", () => {
  test("DC.SCORE with the stated score: inside the band the stated score, outside it the nearer end, without it the band", () => {
    expect(scoreOf(10, "明显提升", "达到预期指标", "按评判等级赋分", "national", 9)).toBe(9);
    expect(scoreOf(10, "明显提升", "达到预期指标", "按评判等级赋分", "national", 5)).toBe(8);
    expect(scoreOf(10, "明显提升", "达到预期指标", "按评判等级赋分", "national")).toBe("8.00–10.00");
  });
  test("000: the 47 recomputed totals follow the stated 总分 (once 10–37 points below in 45 tables)", async () => {
    const grid = await loadGrid("self-evaluation-000.xlsx");
    const v = validateGrid(grid, NATIONAL);
    const cells = planRecomputedColumns(grid, v).blocks.flatMap((b) => b.cells);
    const diffs: number[] = [];
    for (const t of v.recognised) {
      const total = t.total?.score ? parseScore(t.total.score) : null;
      const c = cells.find((x) => x.row === t.total?.row && x.formula?.startsWith("=AGGREGATE"));
      if (!c || !total || total.kind !== "number") continue;
      diffs.push(Number(c.value) - total.value.toNumber());
      if (v.recognised.indexOf(t) > 0)
        expect(cells.find((x) => x.row === t.total!.row && x.header)?.header).toMatch(/^复核总分/);
    }
    expect(diffs).toHaveLength(47);
    // What is left are the national rule's own differences from each table's rule (profile.departs says so).
    expect(diffs.filter((d) => Math.abs(d) <= 5).length).toBeGreaterThanOrEqual(38);
    expect(cells.some((c) => c.header === "复核总分（定性指标取表列得分）")).toBe(true);
  });
  test("a source with nothing budgeted and nothing spent shows an empty 复核执行率, not #VALUE!", async () => {
    const grid = await loadGrid("self-evaluation-000.xlsx");
    const cells = planRecomputedColumns(grid, validateGrid(grid, NATIONAL)).blocks.flatMap((b) => b.cells);
    const rates = cells.filter((c) => c.formula?.includes("DC.EXECUTIONRATE"));
    expect(rates.some((c) => c.value === "")).toBe(true);
    // What is left as #VALUE! is a source with money spent against a budget of 0, said in Chinese.
    for (const c of rates.filter((x) => x.value === "#VALUE!"))
      expect(c.error).toBe("全年预算数为 0，无法计算执行率。");
  });
});

test("without custom functions (no CustomFunctionsRuntime 1.1): Insert writes today's values, not DC.* formulas that would show #NAME?, and Remove restores the sheet", async () => {
  const wb = await workbookOf(SAMPLE);
  const before = JSON.stringify(wb.snapshot());
  const grid = (await loadSheets(SAMPLE))[0].grid;
  const plan = planRecomputedColumns(grid, validateGrid(grid, NATIONAL));
  const caps = { ...ALL_CAPABILITIES, customFunctions: false };
  const store = memoryColumnsStore();
  const r = await insertRecomputedColumns(wb.context(), { profile: NATIONAL, allowShift: true, caps, store });
  expect(r.status).toBe("ok");
  expect(r.written).toBe("values");
  expect(formulaCells(wb)).toEqual([]);
  const sheet = wb.sheets[0];
  const planned = plan.blocks.flatMap((b) => b.cells.filter((c) => c.formula));
  expect(planned.length).toBeGreaterThan(0);
  for (const c of planned) {
    const written = sheet.cells.get(`${c.row},${c.col}`)?.value ?? "";
    expect(written).toBe(typeof c.value === "number" ? c.value : String(c.value ?? ""));
  }
  expect(planned.some((c) => typeof c.value === "number")).toBe(true);
  expect((await removeRecomputedColumns(wb.context(), { caps, store })).removed).toBe(r.blocks);
  expect(JSON.stringify(wb.snapshot())).toBe(before);
});

/**
 * Validate workbook and Clear workbook on the simulated workbook (test/sim/excelSim.ts): the rebuilt 000
 * workbook (nine 部门决算 tables and the 公开说明 text), every command queued until context.sync() as in Excel.
 */
import { clearWorkbook, validateWorkbook } from "../../src/excel/adapter";
import { ALL_CAPABILITIES as CAPS } from "../../src/excel/capabilities";
import { memoryStore } from "../../src/excel/record";
import { getProfile } from "../../src/rules/profiles";
import { loadSheets } from "../helpers";
import { SimWorkbook } from "../sim/excelSim";

it("validates every sheet in 3 syncs (list, read, write), highlights across sheets, skips a protected sheet, and Clear restores all", async () => {
  const sheets = await loadSheets("final-accounts-000.xlsx");
  // Break 05's 2050302 中等职业教育 (C10) by 1.00; protect 09.
  const g05 = sheets.find((s) => s.name.startsWith("公开05表"))!.grid;
  g05.cells[9][2] = { ...g05.cells[9][2], value: 2300.8, text: "2,300.80" };
  const wb = new SimWorkbook();
  for (const s of sheets) wb.addSheet(s.name, s.grid, { protected: s.name.startsWith("公开09表") });
  const before = JSON.stringify(wb.snapshot());
  const store = memoryStore();
  const v = await validateWorkbook(wb.context(), { profile: getProfile("national"), caps: CAPS, store });
  expect(wb.syncs).toBe(3);
  expect(v.status).toBe("ok");
  expect(v.sheets?.find((s) => s.name.startsWith("公开09表"))?.status).toBe("protected");
  expect(v.warnings).toContain("protected-sheets:公开09表 财政拨款“三公”经费支出决算表");
  const errors = v.result!.findings.filter((f) => f.severity === "error");
  expect(errors.map((f) => `${f.sheet}!${f.cell}`)).toEqual(
    expect.arrayContaining(["公开05表 一般公共预算财政拨款支出决算表!C9", "公开说明!A24"]),
  );
  const sheet = (prefix: string) => wb.sheets.find((s) => s.name.startsWith(prefix))!;
  expect(sheet("公开05表").cells.get("8,2")?.fill?.color).toBe("#FFC7CE");
  expect(sheet("公开说明").notes.get("A24")).toMatch(/^复核/);
  expect([...sheet("公开09表").cells.values()].some((c) => c.fill)).toBe(false);
  expect(v.result!.tables.map((t) => t.sheet)).toContain("公开说明");

  wb.syncs = 0;
  const c = await clearWorkbook(wb.context(), { caps: CAPS, store });
  expect(wb.syncs).toBe(2);
  expect(c.restored).toBe(v.highlighted);
  expect(JSON.stringify(wb.snapshot())).toBe(before);
  expect(store.load()?.sheets ?? {}).toEqual({});
});

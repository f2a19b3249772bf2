/**
 * Export findings on the simulated workbook: the shared working paper written with numbers as numbers,
 * links, frozen header, AutoFilter and print set-up per requirement set; exporting again updates the same
 * sheet and keeps what the auditor typed; the paper is never validated as input.
 */
import { validateActiveSheet, validateWorkbook } from "../../src/excel/adapter";
import { ALL_CAPABILITIES, type Capabilities } from "../../src/excel/capabilities";
import { exportFindings } from "../../src/excel/export";
import { memoryStore } from "../../src/excel/record";
import { loadReviews } from "../../src/excel/review";
import { withPaperWhenNoNotes } from "../../src/excel/run";
import { parseA1 } from "../../src/rules/address";
import { NATIONAL } from "../../src/rules/profiles";
import { PAPER_COLUMNS } from "../../src/tables/workingPaper";
import { loadSheets } from "../helpers";
import { SimWorkbook, type SimSheet } from "../sim/excelSim";

const FILE = "self-evaluation-001.xlsx";
const HEAD = 12; // 1-based row of the column header
const col = (title: string) => PAPER_COLUMNS.findIndex((c) => c.title === title);

async function workbook(): Promise<SimWorkbook> {
  const wb = new SimWorkbook();
  for (const s of await loadSheets(FILE)) wb.addSheet(s.name, s.grid);
  return wb;
}
const cell = (s: SimSheet, a1: string) => {
  const p = parseA1(a1)!;
  return s.cells.get(`${p.row},${p.col}`);
};
const at = (s: SimSheet, row1: number, c0: number) => s.cells.get(`${row1 - 1},${c0}`);

async function validateAndExport(wb: SimWorkbook, caps: Capabilities = ALL_CAPABILITIES, store = memoryStore()) {
  const v = await validateActiveSheet(wb.context(), { profile: NATIONAL, caps, store });
  const before = wb.syncs;
  const x = await exportFindings(wb.context(), {
    result: v.result!,
    sheetName: v.sheet.name,
    caps,
    profile: "national",
    time: new Date(2026, 11, 1, 9, 0),
  });
  return { v, x, syncs: wb.syncs - before };
}

test("the working paper: header block, numbers as numbers, links, frozen header, AutoFilter and print set-up", async () => {
  const wb = await workbook();
  const { v, x, syncs } = await validateAndExport(wb);
  expect(x).toMatchObject({ status: "ok", sheet: "复核结果", rows: v.result!.findings.length, updated: false });
  expect(syncs).toBe(2); // the sheet names; the write (no earlier paper to read)
  const s = wb.sheet("复核结果")!;
  expect(cell(s, "A1")!.value).toBe("复核结果（审计工作底稿）");
  expect(cell(s, "A2")!.value).toBe("被审计单位");
  expect(cell(s, "A6")!.value).toBe("评分口径");
  expect(cell(s, "B6")!.value).toBe("国家口径（财预〔2020〕10号）");
  expect(cell(s, "B7")!.value).toBe("2026-12-01 09:00");
  expect(PAPER_COLUMNS.map((c, k) => at(s, HEAD, k)!.value)).toEqual(PAPER_COLUMNS.map((c) => c.title));
  const f = v.result!.findings.findIndex((g) => /^\d+(\.\d+)?$/.test(g.stated) && /^\d+(\.\d+)?$/.test(g.expected));
  const row = HEAD + 1 + f;
  expect(typeof at(s, row, col("表列"))!.value).toBe("number");
  expect(typeof at(s, row, col("差额"))!.value).toBe("number");
  expect(at(s, row, col("表列"))!.numberFormat).toMatch(/^0(\.0+)?$/);
  // The link: Range.hyperlink to the finding's cell (Excel on the web follows it; HYPERLINK it does not).
  const first = v.result!.findings[0];
  expect(at(s, HEAD + 1, col("单元格"))!.link).toEqual({
    documentReference: `'${v.sheet.name}'!${first.cell}`,
    textToDisplay: `${v.sheet.name}!${first.cell}`,
  });
  expect(s.frozenRows).toBe(HEAD);
  expect(s.autoFilter).toBe(`A${HEAD}:Q${HEAD + v.result!.findings.length}`);
  expect(s.page).toEqual({
    orientation: "Landscape",
    zoom: { horizontalFitToPages: 1 },
    printTitleRows: `$${HEAD}:$${HEAD}`,
    centerFooter: "第 &P 页，共 &N 页",
  });
  expect(wb.activeId).toBe(s.id);
});

test("below ExcelApi 1.7: HYPERLINK formulas, no frozen header, no AutoFilter or page layout", async () => {
  const wb = await workbook();
  const caps = { ...ALL_CAPABILITIES, hyperlinks: false, pageLayout: false };
  const { v } = await validateAndExport(wb, caps);
  const s = wb.sheet("复核结果")!;
  const first = v.result!.findings[0];
  expect(at(s, HEAD + 1, col("单元格"))!.formula).toBe(
    `=HYPERLINK("#'${v.sheet.name}'!${first.cell}","${v.sheet.name}!${first.cell}")`,
  );
  expect(s.frozenRows).toBeUndefined();
  expect(s.autoFilter).toBeUndefined();
  expect(s.page).toBeUndefined();
});

test("exporting again updates the same sheet and keeps 复核状态, 审计说明 and the header fields typed", async () => {
  const wb = await workbook();
  const store = memoryStore();
  const { v } = await validateAndExport(wb, ALL_CAPABILITIES, store);
  const s = wb.sheet("复核结果")!;
  // The auditor types into the paper.
  at(s, HEAD + 1, col("复核状态"))!.value = "已核实";
  s.cells.set(`${HEAD},${col("审计说明")}`, { value: "已与单位核对", numberFormat: "@" });
  s.cells.set("7,1", { value: "李四", numberFormat: "@" }); // 编制人 (row 8, column B)
  // Validating again (the active sheet is now the paper): it is not checked as input.
  const own = await validateActiveSheet(wb.context(), {
    profile: NATIONAL,
    caps: ALL_CAPABILITIES,
    store: memoryStore(),
  });
  expect(own.status).toBe("own-sheet");
  expect(own.result).toBeNull();
  // Validate workbook leaves the paper out.
  const all = await validateWorkbook(wb.context(), { profile: NATIONAL, caps: ALL_CAPABILITIES, store: memoryStore() });
  expect(all.sheets!.map((x) => x.name)).not.toContain("复核结果");
  // Back to the tables, export again.
  wb.activeId = wb.sheets[0].id;
  const again = await validateAndExport(wb, ALL_CAPABILITIES, store);
  expect(again.x).toMatchObject({
    status: "ok",
    sheet: "复核结果",
    updated: true,
    gone: 0,
    rows: v.result!.findings.length,
  });
  expect(again.syncs).toBe(3); // names; the earlier paper's values; the write
  expect(wb.sheets.filter((x) => x.name.startsWith("复核结果"))).toHaveLength(1);
  expect(at(s, HEAD + 1, col("复核状态"))!.value).toBe("已核实");
  expect(at(s, HEAD + 1, col("审计说明"))!.value).toBe("已与单位核对");
  expect(cell(s, "B8")!.value).toBe("李四");
  expect(at(s, HEAD + 2, col("复核状态"))!.value).toBe("未复核");
  // The status typed into the paper is kept in 复核状态 too, so that the pane shows it.
  const key = String(at(s, HEAD + 1, col("匹配键"))!.value);
  const kept = await loadReviews(wb.context());
  expect(kept.get(key)).toMatchObject({ status: "已核实", reason: "已与单位核对" });
  expect(wb.sheet("复核状态")!.visibility).toBe("Hidden");
});

describe("without notes or comments (below ExcelApi 1.10) the working paper is written along with the validation", () => {
  const v = (notes: "note" | "comment" | "none", highlighted: number) =>
    ({
      status: "ok",
      sheet: { id: "1", name: "S" },
      result: { profile: "national" },
      highlighted,
      notes,
      warnings: [],
    }) as never;
  test("written (the pane says so) only when highlights carry no explanation", async () => {
    const calls: string[] = [];
    const paper = async (_r: unknown, sheet: string) =>
      (calls.push(sheet), { status: "ok", sheet: "复核结果", rows: 3 }) as never;
    expect((await withPaperWhenNoNotes(v("comment", 5), paper)).warnings).toEqual([]);
    expect((await withPaperWhenNoNotes(v("none", 0), paper)).warnings).toEqual([]);
    expect(calls).toEqual([]);
    expect((await withPaperWhenNoNotes(v("none", 5), paper)).warnings).toEqual(["paper-written"]);
    expect(calls).toEqual(["S"]);
  });
  test("a failed write is a warning; the validation is kept", async () => {
    const failing = async () => {
      throw new Error("AccessDenied");
    };
    const r = await withPaperWhenNoNotes(v("none", 5), failing);
    expect(r.highlighted).toBe(5);
    expect(r.warnings).toEqual(["paper-failed"]);
  });
});

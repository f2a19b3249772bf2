/**
 * ExcelApi 1.1–1.3 (Office 2016 volume-licensed reports 1.1): the core runs without null objects, without
 * sheet protection and without getCellProperties. The simulated workbook refuses every call above its
 * level (ApiNotFound at sync, as Excel does), so each test here fails if the path calls a later API.
 */
import { clearActiveSheet, clearWorkbook, validateActiveSheet, validateWorkbook } from "../../src/excel/adapter";
import { detectCapabilities, missingFeatures, type Capabilities } from "../../src/excel/capabilities";
import { insertRecomputedColumns, memoryColumnsStore, removeRecomputedColumns } from "../../src/excel/columns";
import { exportFindings } from "../../src/excel/export";
import { memoryStore } from "../../src/excel/record";
import { loadReviews, saveReviews } from "../../src/excel/review";
import { withPaperWhenNoNotes } from "../../src/excel/run";
import { toA1 } from "../../src/rules/address";
import { NATIONAL, getProfile } from "../../src/rules/profiles";
import { gridFromTexts } from "../../src/tables/grid";
import { REVIEW_SHEET } from "../../src/tables/reviews";
import { loadSheets } from "../helpers";
import { SimWorkbook } from "../sim/excelSim";
import { stringsFor } from "../../src/taskpane/i18n/strings";
import { statusBars } from "../../src/taskpane/statusBars";

/** A session state with nothing in it (the pane before any click). */
const emptySession = () => ({
  busy: false,
  error: null,
  validation: null,
  columns: null,
  removed: null,
  exported: null,
  cleared: null,
});

/** What Office 2016 volume-licensed reports: ExcelApi 1.1, no custom functions. */
const API_1_1: Capabilities = detectCapabilities((name, v) => name === "ExcelApi" && v === "1.1");
/** ExcelApi 1.3, the last level without null objects. */
const API_1_3: Capabilities = detectCapabilities((name, v) => name === "ExcelApi" && Number(v.split(".")[1]) <= 3);

/** The rebuilt 部门决算 workbook 000 with 05's 2050302 (C10) off by 1.00, on a host of `maxApi`. */
async function finalAccounts(maxApi: string): Promise<SimWorkbook> {
  const sheets = await loadSheets("final-accounts-000.xlsx");
  const g05 = sheets.find((x) => x.name.startsWith("公开05表"))!.grid;
  g05.cells[9][2] = { ...g05.cells[9][2], value: 2300.8, text: "2,300.80" };
  const wb = new SimWorkbook();
  wb.maxApi = maxApi;
  for (const x of sheets) wb.addSheet(x.name, x.grid);
  return wb;
}

async function selfEvaluation(maxApi: string): Promise<SimWorkbook> {
  const wb = new SimWorkbook();
  wb.maxApi = maxApi;
  for (const s of await loadSheets("self-evaluation-001.xlsx")) wb.addSheet(s.name, s.grid);
  return wb;
}

test("the capabilities of a 1.1 host: the core runs; highlights are solid, explanations go to the working paper", () => {
  expect(API_1_1.minimum).toBe(true);
  expect(API_1_1.nullObjects).toBe(false);
  expect(API_1_1.customXml).toBe(false);
  expect(missingFeatures(API_1_1)).toEqual(["highlight", "explanations", "customFunctions", "mergedAreas"]);
  expect(API_1_3.nullObjects).toBe(false);
  expect(detectCapabilities((n, v) => n === "ExcelApi" && Number(v.split(".")[1]) <= 4).nullObjects).toBe(true);
});

test.each([
  ["1.1", API_1_1],
  ["1.3", API_1_3],
])(
  "ExcelApi %s: Validate sheet highlights with solid fills, writes the working paper, and Clear leaves the sheet exactly as it was",
  async (level, caps) => {
    const wb = await selfEvaluation(level);
    const s = wb.sheets[0];
    // A user's own fill on a cell that will be flagged must come back: the first cell highlighted on a
    // probe copy of the same sheet.
    const probe = await selfEvaluation("1.18");
    await validateActiveSheet(probe.context(), { profile: NATIONAL, caps, store: memoryStore() });
    const [k, flagged] = [...probe.sheets[0].cells].find(([, c]) => c.fill)!;
    const [row, column] = k.split(",").map(Number);
    const flaggedFirst = toA1(row, column);
    s.cells.set(k, {
      ...(s.cells.get(k) ?? { value: null, numberFormat: "General" }),
      fill: { color: "#DDEBF7", pattern: "Solid" },
    });
    const before = JSON.stringify(wb.snapshot());

    const store = memoryStore();
    const v = await withPaperWhenNoNotes(
      await validateActiveSheet(wb.context(), { profile: NATIONAL, caps, store }),
      (result, sheetName, reviews) =>
        exportFindings(wb.context(), { result, sheetName, caps, profile: "national", reviews, activate: false }),
    );
    expect(v.status).toBe("ok");
    expect(v.notes).toBe("none");
    expect(v.highlighted).toBeGreaterThan(0);
    expect(v.warnings).toEqual(expect.arrayContaining(["solid-fills", "no-notes", "paper-written"]));
    expect(s.cells.get(k)!.fill).toEqual({ color: flagged.fill!.color, pattern: "Solid" });
    const paper = wb.sheet("复核结果")!;
    expect(paper).toBeDefined();
    // Below 1.7 the paper's 单元格 column links with a HYPERLINK formula showing the cell's address.
    // The cell is General, not Text: Excel shows a formula entered into a Text cell as its text.
    const link = [...paper.cells.values()].find((c) => c.formula?.includes(`!${flaggedFirst}")`));
    expect(link?.numberFormat).toBe("General");
    expect(wb.activeId).toBe(s.id); // the paper is written without leaving the sheet

    await clearActiveSheet(wb.context(), { caps, store });
    wb.sheets = wb.sheets.filter((x) => x.name !== "复核结果");
    expect(JSON.stringify(wb.snapshot())).toBe(before);
    expect(Object.keys(store.load()?.sheets ?? {})).toEqual([]);
  },
);

test("ExcelApi 1.1: a blank sheet, or one holding only formats, is an empty sheet (the used range is A1 or formatted cells)", async () => {
  const wb = new SimWorkbook();
  wb.maxApi = "1.1";
  const s = wb.addSheet("空表");
  const store = memoryStore();
  expect((await validateActiveSheet(wb.context(), { profile: NATIONAL, caps: API_1_1, store })).status).toBe(
    "empty-sheet",
  );
  s.cells.set("4,3", { value: null, numberFormat: "0.00", fill: { color: "#FFFF00", pattern: "Solid" } });
  expect((await validateActiveSheet(wb.context(), { profile: NATIONAL, caps: API_1_1, store })).status).toBe(
    "empty-sheet",
  );
  const t = wb.addSheet(
    "其他",
    gridFromTexts([
      ["姓名", "金额"],
      ["张三", "100"],
    ]),
  );
  wb.activeId = t.id;
  expect((await validateActiveSheet(wb.context(), { profile: NATIONAL, caps: API_1_1, store })).status).toBe(
    "no-table",
  );
});

test("ExcelApi 1.1: Validate workbook and Clear workbook, with a recorded sheet deleted in between", async () => {
  const wb = await finalAccounts("1.1");
  wb.addSheet("删去的表", gridFromTexts([["项目", "金额"]]));
  const store = memoryStore();
  const v = await validateWorkbook(wb.context(), { profile: getProfile("national"), caps: API_1_1, store });
  expect(v.status).toBe("ok");
  expect(v.notes).toBe("none");
  const sheet = (prefix: string) => wb.sheets.find((x) => x.name.startsWith(prefix))!;
  expect(sheet("公开05表").cells.get("8,2")?.fill?.color).toBe("#FFC7CE");
  // The user deletes a sheet that has highlights: Clear skips it (getItem would fail the whole request).
  const gone = wb.sheets.find((x) => x.name !== sheet("公开05表").name && [...x.cells.values()].some((c) => c.fill))!;
  const goneCells = store.load()!.sheets[gone.id].cells.length;
  wb.sheets = wb.sheets.filter((x) => x !== gone);
  const c = await clearWorkbook(wb.context(), { caps: API_1_1, store });
  expect(c.restored).toBe(v.highlighted - goneCells);
  expect(wb.sheets.some((x) => [...x.cells.values()].some((cell) => cell.fill))).toBe(false);
  expect(Object.keys(store.load()?.sheets ?? {})).toEqual([]);
});

test("ExcelApi 1.1: a protected sheet cannot be read as protected, so its refused write is reported (with the hint to unprotect), and Clear afterwards changes nothing", async () => {
  const wb = new SimWorkbook();
  wb.maxApi = "1.1";
  for (const s of await loadSheets("self-evaluation-001.xlsx")) wb.addSheet(s.name, s.grid, { protected: true });
  const before = JSON.stringify(wb.snapshot());
  const store = memoryStore();
  const v = await validateActiveSheet(wb.context(), { profile: NATIONAL, caps: API_1_1, store });
  expect(v.result!.findings.length).toBeGreaterThan(0);
  expect(v.highlighted).toBe(0);
  expect(v.warnings.some((w) => w.startsWith("write-failed"))).toBe(true);
  const bars = statusBars(
    { ...emptySession(), validation: v } as unknown as Parameters<typeof statusBars>[0],
    stringsFor("zh-CN").t,
  );
  expect(bars.find((b) => b.key.startsWith("write-failed"))!.text).toContain("撤销工作表保护");
  expect(JSON.stringify(wb.snapshot())).toBe(before);
  // Nothing to clear afterwards: Clear finds nothing of ours and changes nothing.
  await clearActiveSheet(wb.context(), { caps: API_1_1, store });
  expect(JSON.stringify(wb.snapshot())).toBe(before);
});

test("ExcelApi 1.1: review statuses are kept in the sheet 复核状态 (left visible: hiding needs 1.2) and read back (one more sync when it exists)", async () => {
  const wb = await selfEvaluation("1.1");
  expect(await loadReviews(wb.context(), API_1_1)).toEqual(new Map());
  const at = "2026-12-02T09:00:00.000Z";
  await saveReviews(
    wb.context(),
    [{ key: "绩效自评表|甲|指标一|indicator.score", status: "误报", reason: "口径不同", at }],
    API_1_1,
  );
  // Hiding a sheet is ExcelApi 1.2: below 1.4 复核状态 stays visible (it is never validated as input).
  expect(wb.sheet(REVIEW_SHEET)!.visibility).toBeUndefined();
  const v = await validateActiveSheet(wb.context(), { profile: NATIONAL, caps: API_1_1, store: memoryStore() });
  expect(v.status).toBe("ok");
  wb.syncs = 0;
  const back = await loadReviews(wb.context(), API_1_1);
  expect(wb.syncs).toBe(2);
  expect(back.get("绩效自评表|甲|指标一|indicator.score")).toEqual({
    key: "绩效自评表|甲|指标一|indicator.score",
    status: "误报",
    reason: "口径不同",
    at,
  });
});

test("ExcelApi 1.1: Insert recomputed columns says it needs 1.9; Remove touches nothing, and says why only when there are columns to remove", async () => {
  const wb = await selfEvaluation("1.1");
  const before = JSON.stringify(wb.snapshot());
  const store = memoryColumnsStore();
  const r = await insertRecomputedColumns(wb.context(), { profile: NATIONAL, allowShift: true, caps: API_1_1, store });
  expect(r.status).toBe("needs-1.9");
  expect((await removeRecomputedColumns(wb.context(), { caps: API_1_1, store })).status).toBe("ok");
  // Columns inserted by a newer Excel (a record in the workbook): left alone, and the pane says why.
  await store.save({
    version: 1,
    blocks: { dc_cols_1: { sheetId: wb.sheets[0].id, table: 0, columns: 3 } },
  } as unknown as Parameters<typeof store.save>[0]);
  const removed = await removeRecomputedColumns(wb.context(), { caps: API_1_1, store });
  expect(removed.status).toBe("unsupported");
  const bars = statusBars(
    { ...emptySession(), removed } as unknown as Parameters<typeof statusBars>[0],
    stringsFor("zh-CN").t,
  );
  expect(bars.map((b) => b.text)).toEqual([expect.stringContaining("低于 ExcelApi 1.4")]);
  expect(JSON.stringify(wb.snapshot())).toBe(before);
  expect(wb.syncs).toBe(0);
});

test("ExcelApi 1.1: Clear workbook with a recorded sheet protected since: the other sheets are restored, that one is named and stays recorded", async () => {
  const wb = await finalAccounts("1.1");
  const store = memoryStore();
  const v = await validateWorkbook(wb.context(), { profile: getProfile("national"), caps: API_1_1, store });
  const marked = wb.sheets.filter((x) => [...x.cells.values()].some((c) => c.fill));
  expect(marked.length).toBeGreaterThan(1);
  marked[0].protected = true;
  const kept = store.load()!.sheets[marked[0].id].cells.length;
  const c = await clearWorkbook(wb.context(), { caps: API_1_1, store });
  expect(c.skipped).toEqual([marked[0].name]);
  expect(c.restored).toBe(v.highlighted - kept);
  expect(wb.sheets.filter((x) => [...x.cells.values()].some((cell) => cell.fill))).toEqual([marked[0]]);
  expect(Object.keys(store.load()!.sheets)).toEqual([marked[0].id]);
  // Unprotected again: Clear finishes the job.
  marked[0].protected = false;
  expect((await clearWorkbook(wb.context(), { caps: API_1_1, store })).restored).toBe(kept);
  expect(wb.sheets.some((x) => [...x.cells.values()].some((cell) => cell.fill))).toBe(false);
});

test.each([
  ["1.13", false],
  ["1.14", true],
])(
  "ExcelApi %s (threaded comments, no notes): Validate writes comments, a user's own thread on a flagged cell is kept, and Clear leaves the sheet exactly as it was",
  async (level) => {
    const caps = detectCapabilities(
      (name, v) => name === "ExcelApi" && Number(v.split(".")[1]) <= Number(level.split(".")[1]),
    );
    expect(caps.comments).toBe(true);
    expect(caps.notes).toBe(false);
    const wb = await selfEvaluation(level);
    const s = wb.sheets[0];
    // The auditor's own thread on the first cell that will be flagged.
    const probe = await selfEvaluation("1.18");
    await validateActiveSheet(probe.context(), { profile: NATIONAL, caps, store: memoryStore() });
    const [k] = [...probe.sheets[0].cells].find(([, c]) => c.fill)!;
    const [row, column] = k.split(",").map(Number);
    wb.comments.set("{user}", { sheetId: s.id, address: toA1(row, column), content: "请核对来源" });
    const before = JSON.stringify(wb.snapshot());

    const store = memoryStore();
    const v = await validateActiveSheet(wb.context(), { profile: NATIONAL, caps, store });
    expect(v.notes).toBe("comment");
    expect(v.highlighted).toBeGreaterThan(1);
    expect(v.warnings).toContain(`foreign-notes:${toA1(row, column)}`);
    const ours = [...wb.comments.values()].filter((c) => c.content.startsWith("复核"));
    expect(ours).toHaveLength(v.highlighted - 1);
    expect(wb.comments.get("{user}")!.content).toBe("请核对来源");

    // Validating again replaces our comments (found by id at 1.14, among all comments below it).
    const again = await validateActiveSheet(wb.context(), { profile: NATIONAL, caps, store });
    expect([...wb.comments.values()].filter((c) => c.content.startsWith("复核"))).toHaveLength(again.highlighted - 1);

    await clearActiveSheet(wb.context(), { caps, store });
    expect(JSON.stringify(wb.snapshot())).toBe(before);
  },
);

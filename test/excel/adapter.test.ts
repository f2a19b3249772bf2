/**
 * The Office.js adapter against a mock host (office-addin-mock): syncs counted, writes applied only at
 * sync, fills backed up and restored, only the add-in's own notes removed.
 */
import { ALL_CAPABILITIES, detectCapabilities, missingFeatures, type Capabilities } from "../../src/excel/capabilities";
import { clearActiveSheet, parseAreasAddress, selectCell, validateActiveSheet } from "../../src/excel/adapter";
import { memoryStore } from "../../src/excel/record";
import { NATIONAL, strictProfile } from "../../src/rules/profiles";

/** The Excel layer is tested on per-cell errors: the strict national profile keeps every score difference an error. */
const STRICT = strictProfile(NATIONAL);
import { gridFromTexts, type Grid } from "../../src/tables/grid";
import { loadGrid } from "../helpers";
import { mockExcel } from "./mockHost";

let sample: Grid;
beforeAll(async () => {
  sample = await loadGrid("self-evaluation-000.xlsx");
});

const opts = (caps: Capabilities = ALL_CAPABILITIES, store = memoryStore()) => ({ profile: STRICT, caps, store });

test("one validation costs exactly one read sync and one write sync", async () => {
  const { context, state } = mockExcel(sample);
  const store = memoryStore();
  const r = await validateActiveSheet(context, opts(ALL_CAPABILITIES, store));
  expect(r.status).toBe("ok");
  expect(state.syncs).toBe(2);
  expect(r.result!.tables).toHaveLength(48);
  const highlighted = new Set(r.result!.findings.filter((f) => f.severity !== "info").map((f) => f.cell));
  expect(r.highlighted).toBe(highlighted.size);
  expect(r.notes).toBe("note");
  // Every highlighted cell got its colour and a note that starts with 复核.
  for (const f of r.result!.findings.filter((x) => x.severity !== "info")) {
    const fill = state.fills.get(f.cell)!;
    expect(fill.color).toBe(
      r.result!.findings.some((g) => g.cell === f.cell && g.severity === "error") ? "#FFC7CE" : "#FFEB9C",
    );
    expect(state.notes.get(f.cell)).toContain(f.message);
  }
  // The budget-score cell of the 信息化标杆校 table carries the note text.
  const budget = r.result!.findings.find((f) => f.rule === "fund.score" && f.stated === "9.82")!;
  // One note per cell, one line per finding: the score finding first, then the workbook's profile.mixed.
  const note = state.notes.get(budget.cell)!.split("\n");
  expect(note[0]).toBe(
    "复核：预算执行得分应为 9.93（= 分值 10 × 执行数 694.90 / 预算数 700.00），表列 9.82，差 −0.11。规则：国家口径（财预〔2020〕10号）。按本表识别的口径「60%阈值+偏离度扣分」可得出表列得分。",
  );
  expect(note[1]).toMatch(/^复核：各表「预算执行得分」口径不一致/);
  // The record is in the store, with the original (empty) fills.
  const rec = store.load()!;
  expect(rec.sheets["{sheet-1}"].cells).toHaveLength(highlighted.size);
  expect(rec.sheets["{sheet-1}"].cells[0].fill).toBeNull(); // no fill before: kept as null (a small record)
});

test("Clear restores the fills that were there before and removes only the add-in's notes", async () => {
  const budgetCell = "H26"; // 000 信息化标杆校建设项目资金 得分 (yellow before validation)
  const { context, state } = mockExcel(sample, {
    fills: { [budgetCell]: { color: "#FFFF00", pattern: "Solid" } },
    notes: { A1: "用户自己的批注" },
  });
  const store = memoryStore();
  const v = await validateActiveSheet(context, opts(ALL_CAPABILITIES, store));
  expect(v.result!.findings.some((f) => f.cell === budgetCell && f.severity === "error")).toBe(true);
  expect(state.fills.get(budgetCell)?.color).toBe("#FFC7CE");

  // Later, with the pane closed: a new context, the record read back from the workbook.
  state.syncs = 0;
  const c = await clearActiveSheet(context, { caps: ALL_CAPABILITIES, store });
  expect(c).toMatchObject({ status: "ok", restored: v.highlighted });
  expect(state.syncs).toBe(2);
  expect(state.fills.get(budgetCell)).toMatchObject({ color: "#FFFF00", pattern: "Solid" });
  expect([...state.fills.keys()]).toEqual([budgetCell]);
  expect([...state.notes.entries()]).toEqual([["A1", "用户自己的批注"]]);
  expect(store.load()!.sheets).toEqual({});
});

test("validating twice keeps the original fills (not our red) and replaces our notes", async () => {
  const budgetCell = "H26";
  const { context, state } = mockExcel(sample, { fills: { [budgetCell]: { color: "#FFFF00", pattern: "Solid" } } });
  const store = memoryStore();
  await validateActiveSheet(context, opts(ALL_CAPABILITIES, store));
  state.syncs = 0;
  await validateActiveSheet(context, opts(ALL_CAPABILITIES, store));
  expect(state.syncs).toBe(2);
  const cell = store.load()!.sheets["{sheet-1}"].cells.find((c) => c.address === budgetCell)!;
  expect(cell.fill).toMatchObject({ color: "#FFFF00", pattern: "Solid" });
  await clearActiveSheet(context, { caps: ALL_CAPABILITIES, store });
  expect(state.fills.get(budgetCell)).toMatchObject({ color: "#FFFF00" });
  expect(state.notes.size).toBe(0);
});

test("a user's note on a finding cell is kept: the write is retried around it and the pane is told", async () => {
  const { context, state } = mockExcel(sample, { notes: { H26: "请核对" } });
  const logged = jest.spyOn(console, "error").mockImplementation(() => undefined);
  const r = await validateActiveSheet(context, opts());
  expect(logged.mock.calls[0][0]).toMatch(/writing highlights failed: InvalidArgument/);
  logged.mockRestore();
  expect(state.notes.get("H26")).toBe("请核对");
  expect(r.warnings).toContain("foreign-notes:H26");
  expect(state.fills.get("H26")?.color).toBe("#FFC7CE");
  expect(state.syncs).toBe(4); // read, refused write, probe, write
});

test("a user's own comment thread on a finding cell (threaded comments, no notes) is kept: the write is retried around it", async () => {
  const caps = { ...ALL_CAPABILITIES, notes: false };
  const { context, state } = mockExcel(sample, { comments: { H26: "请核对（用户的批注）" } });
  const logged = jest.spyOn(console, "error").mockImplementation(() => undefined);
  const store = memoryStore();
  const r = await validateActiveSheet(context, opts(caps, store));
  expect(logged.mock.calls[0][0]).toMatch(/writing highlights failed: InvalidArgument/);
  logged.mockRestore();
  expect(r.warnings).toContain("foreign-notes:H26");
  expect(r.notes).toBe("comment");
  const onH26 = [...state.comments.values()].filter((c) => c.address === "H26");
  expect(onH26).toEqual([{ id: "u1", address: "H26", content: "请核对（用户的批注）" }]);
  expect(state.comments.size).toBe(r.highlighted); // ours on every other flagged cell, the user's on H26
  expect(state.fills.get("H26")?.color).toBe("#FFC7CE");
  await clearActiveSheet(context, { caps, store });
  expect([...state.comments.values()]).toEqual([{ id: "u1", address: "H26", content: "请核对（用户的批注）" }]);
});

test("a protected sheet gets its findings and no writes", async () => {
  const { context, state } = mockExcel(sample, { protected: true });
  const r = await validateActiveSheet(context, opts());
  expect(r.status).toBe("protected");
  expect(r.result!.counts.error).toBeGreaterThan(0);
  expect(state.syncs).toBe(1);
  expect(state.applied).toEqual([]);
});

test("empty sheet, sheet without tables and unsupported host each get their own status", async () => {
  let m = mockExcel(gridFromTexts([]));
  expect((await validateActiveSheet(m.context, opts())).status).toBe("empty-sheet");
  m = mockExcel(
    gridFromTexts([
      ["姓名", "金额"],
      ["张三", "100"],
    ]),
  );
  expect((await validateActiveSheet(m.context, opts())).status).toBe("no-table");
  expect(m.state.applied).toEqual([]);
  m = mockExcel(sample);
  const none = detectCapabilities(() => false); // not even ExcelApi 1.1
  expect((await validateActiveSheet(m.context, opts(none))).status).toBe("unsupported");
  expect(m.state.syncs).toBe(0);
});

test("without notes (ExcelApi 1.18) explanations fall back to threaded comments, and Clear removes them", async () => {
  const caps = { ...ALL_CAPABILITIES, notes: false };
  const { context, state } = mockExcel(sample);
  const store = memoryStore();
  const r = await validateActiveSheet(context, opts(caps, store));
  expect(r.notes).toBe("comment");
  expect(state.notes.size).toBe(0);
  expect(state.comments.size).toBe(r.highlighted);
  expect(store.load()!.sheets["{sheet-1}"].cells.every((c) => c.note === "comment" && !!c.commentId)).toBe(true);
  await clearActiveSheet(context, { caps, store });
  expect(state.comments.size).toBe(0);
  expect(state.fills.size).toBe(0);
});

test("ExcelApi 1.10–1.13: threaded comments without the 1.14 lookup; validating again replaces them and Clear removes them", async () => {
  const caps = detectCapabilities((_n, v) => Number(v.split(".")[1]) <= 13);
  expect(caps.notes).toBe(false);
  expect(caps.comments).toBe(true);
  const { context, state } = mockExcel(sample, { maxApi: "1.13" });
  const store = memoryStore();
  const first = await validateActiveSheet(context, opts(caps, store));
  expect(first.status).toBe("ok");
  expect(first.notes).toBe("comment");
  expect(state.comments.size).toBe(first.highlighted);
  const again = await validateActiveSheet(context, opts(caps, store));
  expect(again.status).toBe("ok");
  expect(again.warnings).toEqual([]);
  expect(state.comments.size).toBe(again.highlighted);
  await clearActiveSheet(context, { caps, store });
  expect(state.comments.size).toBe(0);
  expect(state.fills.size).toBe(0);
});

test("without getCellProperties (ExcelApi 1.1–1.8): solid fills, each cell's own colour read in the write request, and Clear puts it back", async () => {
  const { context, state } = mockExcel(sample, {
    fills: { H26: { color: "#00B050", pattern: "Solid" } },
    maxApi: "1.8",
  });
  const caps = detectCapabilities((n, v) => n === "ExcelApi" && Number(v.split(".")[1]) <= 8);
  expect(caps.cellProperties).toBe(false);
  const store = memoryStore();
  const r = await validateActiveSheet(context, opts(caps, store));
  expect(r.status).toBe("ok");
  expect(r.warnings).toContain("solid-fills");
  expect(r.highlighted).toBeGreaterThan(0);
  expect(state.fills.get("H26")?.color).toBe("#FFC7CE");
  expect(state.syncs).toBe(2); // one read, one write: the colours are read in the write request
  const cells = store.load()!.sheets["{sheet-1}"].cells;
  expect(cells.find((c) => c.address === "H26")!.fill).toEqual({ color: "#00B050", pattern: "Solid" });
  expect(cells.filter((c) => c.address !== "H26").every((c) => c.fill === null && !c.pending)).toBe(true);
  await clearActiveSheet(context, { caps, store });
  expect([...state.fills.entries()]).toEqual([["H26", { color: "#00B050", pattern: "Solid" }]]);
});

test("selecting a finding's cell activates its sheet in one sync", async () => {
  const { context, state } = mockExcel(sample);
  await selectCell(context, "绩效自评表", "H26");
  expect(state.selected).toBe("H26");
  expect(state.activated).toBe(true);
  expect(state.syncs).toBe(1);
});

test("merged-area addresses from RangeAreas", () => {
  expect(parseAreasAddress("'绩效 表'!A1:N1, '绩效 表'!B3:B5, Sheet1!C7")).toEqual([
    { top: 0, left: 0, bottom: 0, right: 13 },
    { top: 2, left: 1, bottom: 4, right: 1 },
    { top: 6, left: 2, bottom: 6, right: 2 },
  ]);
});

test("a number Excel shows as ##### (column too narrow) is read from its value and format", async () => {
  const { gridFromRange } = await import("../../src/excel/adapter");
  const g = gridFromRange(
    [[26854.92, 0.9927, "#N/A"]],
    [["#####", "####", "#N/A"]],
    [["#,##0.00", "0.00%", "General"]],
    4,
    2,
    [],
  );
  expect(g.cells[0].map((c) => c.text)).toEqual(["26,854.92", "99.27%", "#N/A"]);
  expect([g.top, g.left]).toEqual([4, 2]);
});

test("re-validating after the user replaced one of our notes with their own: half-run batch recovered", async () => {
  const { context, state } = mockExcel(sample);
  const store = memoryStore();
  const first = await validateActiveSheet(context, opts(ALL_CAPABILITIES, store));
  const ours = [...state.notes.keys()];
  expect(ours.length).toBe(first.highlighted);
  state.notes.set("H26", "请核对"); // the auditor's own note on a flagged cell
  const logged = jest.spyOn(console, "error").mockImplementation(() => undefined);
  state.syncs = 0;
  const second = await validateActiveSheet(context, opts(ALL_CAPABILITIES, store));
  logged.mockRestore();
  expect(second.warnings).toContain("foreign-notes:H26");
  expect(state.notes.get("H26")).toBe("请核对");
  for (const a of ours.filter((x) => x !== "H26")) expect(state.notes.get(a)).toMatch(/^复核/);
  expect(state.syncs).toBe(4);
  // Clear still restores everything and keeps the auditor's note.
  await clearActiveSheet(context, { caps: ALL_CAPABILITIES, store });
  expect([...state.notes.entries()]).toEqual([["H26", "请核对"]]);
  expect(state.fills.size).toBe(0);
});

test("missing features per Excel level, for the pane's one-line notice", () => {
  const at = (api: number, cf: boolean) =>
    missingFeatures(
      detectCapabilities((name, v) =>
        name === "ExcelApi" ? Number(v.split(".")[1]) <= api : name === "CustomFunctionsRuntime" ? cf : false,
      ),
    );
  expect(at(0, false)).toEqual([]); // not supported at all: the pane says so instead
  expect(at(1, false)).toEqual(["highlight", "explanations", "customFunctions", "mergedAreas"]);
  expect(at(8, false)).toEqual(["highlight", "explanations", "customFunctions", "mergedAreas"]);
  expect(at(13, true)).toEqual(["notes"]);
  expect(at(14, true)).toEqual(["notes"]);
  expect(at(18, false)).toEqual(["customFunctions"]);
  expect(at(18, true)).toEqual([]);
});

test("a record that cannot be saved (document settings full): nothing is highlighted, so Clear can never be left without a record, and the pane says why", async () => {
  const { context, state } = mockExcel(sample);
  const full = {
    saved: 0,
    load: () => null,
    save: async () => {
      throw Object.assign(new Error("The settings could not be saved."), { code: "4001" });
    },
  };
  const r = await validateActiveSheet(context, opts(ALL_CAPABILITIES, full));
  expect(r.status).toBe("ok");
  expect(r.result!.counts.error).toBeGreaterThan(0);
  expect(r.highlighted).toBe(0);
  expect(r.warnings).toEqual([expect.stringMatching(/^record-failed:4001: The settings could not be saved\./)]);
  expect(state.applied).toEqual([]);
  expect(state.fills.size).toBe(0);
  expect(state.notes.size).toBe(0);
});

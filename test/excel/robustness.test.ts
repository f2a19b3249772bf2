/**
 * Excel-side robustness on mock hosts (the simulated workbook, and office-addin-mock): a protected sheet,
 * requirement sets missing at run time, a second Validate while one runs, values byte-identical after
 * validate and clear (hashed), the user's own fills back after Clear, and a sheet over Excel on the
 * web's payload limit read in blocks.
 */
import * as crypto from "crypto";
import { validateFromRibbon } from "../../src/commands/commands";
import {
  clearActiveSheet,
  clearWorkbook,
  gridOfRead,
  queueSheetRead,
  completeReads,
  syncRead,
  validateActiveSheet,
  validateWorkbook,
} from "../../src/excel/adapter";
import { ALL_CAPABILITIES, detectCapabilities, type Capabilities } from "../../src/excel/capabilities";
import { insertRecomputedColumns, memoryColumnsStore, removeRecomputedColumns } from "../../src/excel/columns";
import { PAYLOAD_LIMIT } from "../../src/excel/payload";
import { memoryChoiceStore } from "../../src/excel/profileChoice";
import { memoryStore } from "../../src/excel/record";
import type { ExcelHost } from "../../src/excel/run";
import { NATIONAL, strictProfile } from "../../src/rules/profiles";

/** The Excel layer is tested on per-cell errors: the strict national profile keeps every score difference an error. */
const STRICT = strictProfile(NATIONAL);
import { en, zh } from "../../src/taskpane/i18n/strings";
import { Session } from "../../src/taskpane/session";
import { statusBars } from "../../src/taskpane/statusBars";
import type { Grid } from "../../src/tables/grid";
import { validateGrid } from "../../src/tables/validate";
import { loadGrid, loadSheets } from "../helpers";
import { SimWorkbook } from "../sim/excelSim";
import { mockExcel } from "./mockHost";

const SELF = [
  "self-evaluation-000.xlsx",
  "self-evaluation-001.xlsx",
  "self-evaluation-002.xlsx",
  "self-evaluation-003.xlsx",
];

/** sha256 of every cell's value, formula and number format on every sheet. */
function valuesHash(wb: SimWorkbook): string {
  const h = crypto.createHash("sha256");
  for (const s of wb.sheets)
    for (const [k, c] of [...s.cells.entries()].sort((a, b) => a[0].localeCompare(b[0])))
      // A cell the simulation created only to hold a fill is a blank cell, as it was.
      if (c.value !== null || c.formula || c.numberFormat !== "General")
        h.update(JSON.stringify([s.name, k, c.value, c.formula ?? null, c.numberFormat]));
  return h.digest("hex");
}
const snapshot = (wb: SimWorkbook) => JSON.stringify(wb.snapshot());

async function workbookOf(file: string, opts: { protected?: boolean } = {}): Promise<SimWorkbook> {
  const wb = new SimWorkbook();
  for (const s of await loadSheets(file)) wb.addSheet(s.name, s.grid, opts);
  return wb;
}

/** The pane's ExcelHost over a simulated workbook, as officeHost is over Excel. */
function simHost(wb: SimWorkbook, caps: Capabilities = ALL_CAPABILITIES): ExcelHost {
  const store = memoryStore();
  const columns = memoryColumnsStore();
  return {
    capabilities: () => caps,
    validate: (profile, scope = "sheet") =>
      (scope === "workbook" ? validateWorkbook : validateActiveSheet)(wb.context(), { profile, caps, store }),
    clear: async (scope = "sheet") => {
      const r =
        scope === "workbook"
          ? await clearWorkbook(wb.context(), { caps, store })
          : await clearActiveSheet(wb.context(), { caps, store });
      return { status: r.status, restored: r.restored };
    },
    select: async () => undefined,
    insertColumns: (profile, allowShift) =>
      insertRecomputedColumns(wb.context(), { profile, allowShift, caps, store: columns }),
    removeColumns: () => removeRecomputedColumns(wb.context(), { caps, store: columns }),
    exportFindings: async () => ({ status: "nothing", sheet: "", rows: 0 }),
    setReviews: async () => ({}),
  };
}

describe("a protected sheet: a message, its findings, and nothing changed", () => {
  test.each(SELF)("%s: Validate, Insert, Clear and Remove leave every cell as it was", async (file) => {
    const wb = await workbookOf(file, { protected: true });
    const before = snapshot(wb);
    const host = simHost(wb);
    const session = new Session();
    await session.run(async () => ({ validation: await host.validate(STRICT) }));
    const v = session.get().validation!;
    expect(v.status).toBe("protected");
    expect(v.result!.findings.length).toBeGreaterThan(0);
    expect(v.highlighted).toBe(0);
    expect(statusBars(session.get(), zh)).toContainEqual({
      key: "protected",
      intent: "warning",
      text: zh.statusProtected,
    });
    expect(statusBars(session.get(), en).map((b) => b.text)).toContain(en.statusProtected);

    expect((await host.insertColumns(NATIONAL, true)).status).toBe("protected");
    expect((await host.clear()).status).toBe("ok"); // nothing of ours to clear
    expect((await host.removeColumns()).removed).toBe(0);
    expect(snapshot(wb)).toBe(before);
  });
});

describe("a requirement set missing at run time: a fallback or a message", () => {
  const file = "self-evaluation-001.xlsx";
  test("ExcelApi 1.4 missing (or isSetSupported throwing): unsupported, with its own message, nothing read or written", async () => {
    const caps = detectCapabilities(() => {
      throw new Error("no requirements API");
    });
    expect(caps.minimum).toBe(false);
    const wb = await workbookOf(file);
    const before = snapshot(wb);
    const session = new Session();
    await session.run(async () => ({ validation: await simHost(wb, caps).validate(STRICT) }));
    expect(session.get().validation!.status).toBe("unsupported");
    expect(statusBars(session.get(), zh).map((b) => b.text)).toContain(zh.statusUnsupported);
    expect(wb.syncs).toBe(0);
    expect(snapshot(wb)).toBe(before);
  });
  test("ExcelApi 1.9 missing (no getCellProperties): highlighted with solid fills, the pane says so, Clear restores a cell's own colour", async () => {
    const wb = await workbookOf(file);
    const host = simHost(wb, { ...ALL_CAPABILITIES, cellProperties: false });
    const first = await host.validate(STRICT);
    const flagged = first.result!.findings[0].cell;
    await host.clear();
    // The user had filled a flagged cell yellow.
    const m = /^([A-Z]+)(\d+)$/.exec(flagged)!;
    const key = `${Number(m[2]) - 1},${[...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1}`;
    wb.sheets[0].cells.set(key, { ...wb.sheets[0].cells.get(key)!, fill: { color: "#FFFF00", pattern: "Solid" } });
    const before = snapshot(wb);
    const session = new Session();
    await session.run(async () => ({ validation: await host.validate(STRICT) }));
    const v = session.get().validation!;
    expect(v.result!.counts.error).toBe(18);
    expect(v.highlighted).toBeGreaterThan(0);
    expect(statusBars(session.get(), zh).map((b) => b.text)).toContain(zh.warnSolidFills);
    expect(wb.sheets[0].cells.get(key)!.fill?.color).not.toBe("#FFFF00");
    await host.clear();
    expect(snapshot(wb)).toBe(before);
  });
  test("ExcelApi 1.18 and 1.10 missing (no notes, no comments): fills only, the pane says so, Clear restores", async () => {
    const wb = await workbookOf(file);
    const before = snapshot(wb);
    const host = simHost(wb, { ...ALL_CAPABILITIES, notes: false, comments: false });
    const session = new Session();
    await session.run(async () => ({ validation: await host.validate(STRICT) }));
    const v = session.get().validation!;
    expect(v.notes).toBe("none");
    expect(v.highlighted).toBeGreaterThan(0);
    expect(wb.sheets[0].notes.size).toBe(0);
    expect(statusBars(session.get(), zh).map((b) => b.text)).toContain(zh.warnNoNotes);
    await host.clear();
    expect(snapshot(wb)).toBe(before);
  });
  test("ExcelApi 1.13 missing (no merged areas) and 1.6 missing (no calculation suspend): still validates, same errors", async () => {
    const wb = await workbookOf(file);
    const v = await simHost(wb, { ...ALL_CAPABILITIES, mergedAreas: false, suspendCalculation: false }).validate(
      STRICT,
    );
    expect(v.status).toBe("ok");
    expect(v.result!.counts.error).toBe(18);
  });
  test("office-addin-mock host without 1.9: solid fills only, no 1.9 call", async () => {
    const { context, state } = mockExcel(await loadGrid(file));
    const r = await validateActiveSheet(context, {
      profile: STRICT,
      caps: { ...ALL_CAPABILITIES, cellProperties: false },
      store: memoryStore(),
    });
    expect(r.warnings).toContain("solid-fills");
    expect(state.fills.size).toBe(r.highlighted);
    expect([...state.fills.values()].every((f) => f.pattern === "Solid" && Object.keys(f).length === 2)).toBe(true);
  });
});

test("a second Validate while one runs is ignored, from the pane and from the ribbon", async () => {
  const wb = await workbookOf("self-evaluation-001.xlsx");
  const host = simHost(wb);
  const session = new Session();
  let validations = 0;
  const counting: ExcelHost = { ...host, validate: (p, s) => (validations++, host.validate(p, s)) };
  const first = session.run(async () => ({ validation: await counting.validate(STRICT) }));
  expect(session.get().busy).toBe(true);
  const second = await session.run(async () => ({ validation: await counting.validate(STRICT) }));
  let completed = false;
  await validateFromRibbon(
    { completed: () => (completed = true) },
    { host: counting, session, choices: memoryChoiceStore(), showPane: async () => undefined },
  );
  expect(second).toBe(false);
  expect(completed).toBe(true); // the ribbon event is completed even when ignored
  expect(await first).toBe(true);
  expect(validations).toBe(1);
  expect(wb.syncs).toBe(2);
  expect(session.get().validation!.highlighted).toBeGreaterThan(0);
});

test("the ribbon completes its event even when showing the pane never settles, and selects the first finding's cell so the result shows without the pane", async () => {
  const wb = await workbookOf("self-evaluation-001.xlsx");
  const host = simHost(wb);
  const selected: string[] = [];
  const session = new Session();
  let completed = 0;
  const never = () => new Promise<void>(() => undefined); // Office.addin.showAsTaskpane ignored by the host
  const run = validateFromRibbon(
    { completed: () => completed++ },
    {
      host: { ...host, select: async (sheet, address) => void selected.push(`${sheet}!${address}`) },
      session,
      choices: memoryChoiceStore(),
      showPane: never,
    },
  );
  await Promise.race([run, new Promise((r) => setTimeout(r, 2000))]);
  expect(completed).toBe(1);
  const v = session.get().validation!;
  const first = v.result!.findings[0];
  expect(selected).toEqual([`${first.sheet ?? v.sheet.name}!${first.cell}`]);
  // A second click is not queued behind the first: it runs and completes too.
  await Promise.race([
    validateFromRibbon(
      { completed: () => completed++ },
      { host, session, choices: memoryChoiceStore(), showPane: never },
    ),
    new Promise((r) => setTimeout(r, 2000)),
  ]);
  expect(completed).toBe(2);
});

describe("values byte-identical after validate and after clear (sha256)", () => {
  test.each([...SELF, "final-accounts-000.xlsx"])("%s", async (file) => {
    const wb = await workbookOf(file);
    // 05's 2050302 中等职业教育 off by 1.00, so that the 部门决算 workbook has highlights too.
    if (file.startsWith("final"))
      wb.sheets.find((x) => x.name.startsWith("公开05表"))!.cells.get("9,2")!.value = 2300.8;
    const host = simHost(wb);
    const scope = file.startsWith("final") ? "workbook" : "sheet";
    const before = valuesHash(wb);
    const v = await host.validate(STRICT, scope);
    expect(v.highlighted).toBeGreaterThan(0);
    expect(valuesHash(wb)).toBe(before);
    await host.validate("auto", scope); // re-validation under another profile
    expect(valuesHash(wb)).toBe(before);
    await host.clear(scope);
    expect(valuesHash(wb)).toBe(before);
  });
});

test("the user's own fills (solid, patterned, tinted) come back after Clear, also after validating twice", async () => {
  const file = "self-evaluation-003.xlsx";
  const wb = await workbookOf(file);
  const grid = await loadGrid(file);
  // The user's own fills go on flagged cells that hold something (a blank 得分 is flagged too).
  const flagged = validateGrid(grid, STRICT).findings.filter(
    (f) => f.severity !== "info" && wb.sheets[0].cells.has(`${f.row},${f.col}`),
  );
  const fills = [
    { color: "#DDEBF7", pattern: "Solid" },
    { color: "#FFFF00", pattern: "Gray25", patternColor: "#FF0000" },
    { color: "#C6EFCE", pattern: "Solid", tintAndShade: 0.4 },
  ];
  flagged.slice(0, 30).forEach((f, i) => {
    wb.sheets[0].cells.get(`${f.row},${f.col}`)!.fill = fills[i % fills.length];
  });
  const before = snapshot(wb);
  const host = simHost(wb);
  await host.validate(STRICT);
  const f0 = flagged.find((f) => f.severity === "error")!;
  expect(wb.sheets[0].cells.get(`${f0.row},${f0.col}`)!.fill!.color).toBe("#FFC7CE");
  await host.validate("auto");
  expect((await host.clear()).restored).toBeGreaterThan(0);
  expect(snapshot(wb)).toBe(before);
});

describe("a sheet over Excel on the web's payload limit (4 MB)", () => {
  /** Long texts (6 KB a row) above a real table (001's first one), so that one read cannot hold the sheet. */
  function bigSheet(base: Grid): Grid {
    const filler = "说明".repeat(500);
    const cells = Array.from({ length: 1500 }, (_, r) => [
      { value: `${r}${filler}`, text: `${r}${filler}`, numberFormat: "General" },
    ]);
    return {
      top: 0,
      left: 0,
      cells: [...cells, ...base.cells.slice(0, 62)],
      merges: base.merges
        .filter((m) => m.bottom < 62)
        .map((m) => ({ ...m, top: m.top + 1500, bottom: m.bottom + 1500 })),
    };
  }
  test("the first read is refused, the cells are read in blocks under 4 MB, and the grid is the sheet", async () => {
    const base = await loadGrid("self-evaluation-001.xlsx");
    const grid = bigSheet(base);
    const wb = new SimWorkbook();
    wb.payloadLimit = PAYLOAD_LIMIT;
    wb.addSheet("长表", grid);
    const context = wb.context();
    const ws = (context.workbook as Excel.Workbook).worksheets.getActiveWorksheet();
    const read = await syncRead(context, (first) =>
      queueSheetRead(ws, ALL_CAPABILITIES, { notes: new Map(), comments: new Map() }, first),
    );
    await completeReads(context, [read]);
    // The optimistic first read is refused, then each block size the measurements ask for is tried and
    // shrunk until it fits; every request Excel accepted is under the limit.
    const refused = wb.requests.filter((r) => r.response > PAYLOAD_LIMIT);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(refused.length).toBeLessThanOrEqual(4);
    expect(wb.requests.length - refused.length).toBeGreaterThanOrEqual(3);
    const got = gridOfRead(read);
    expect(got.cells).toHaveLength(grid.cells.length);
    const texts = (g: Grid) =>
      g.cells.map((r) => Array.from({ length: got.cells[0].length }, (_, j) => r[j]?.text ?? ""));
    expect(texts(got)).toEqual(texts(grid));
  });
  test("Validate finds the table under the texts and writes its highlights, every accepted request under 4 MB", async () => {
    const base = await loadGrid("self-evaluation-001.xlsx");
    const wb = new SimWorkbook();
    wb.payloadLimit = PAYLOAD_LIMIT;
    wb.addSheet("长表", bigSheet(base));
    const before = snapshot(wb);
    const store = memoryStore();
    const v = await validateActiveSheet(wb.context(), { profile: STRICT, caps: ALL_CAPABILITIES, store });
    expect(v.status).toBe("ok");
    expect(v.warnings).toEqual([]);
    expect(v.result!.tables.length).toBeGreaterThanOrEqual(2);
    expect(v.highlighted).toBeGreaterThan(0);
    const refused = wb.requests.filter((r) => Math.max(r.request, r.response) > PAYLOAD_LIMIT);
    expect(refused.length).toBeLessThanOrEqual(4);
    await clearActiveSheet(wb.context(), { caps: ALL_CAPABILITIES, store });
    expect(snapshot(wb)).toBe(before);
  });
});

test("1,000 tables on one sheet (bench/synthetic.ts): Validate, Insert, Remove and Clear under the 4 MB limit, sheet restored", async () => {
  const { projectSheet, seedTables } = await import("../../bench/synthetic");
  const wb = new SimWorkbook();
  wb.payloadLimit = PAYLOAD_LIMIT;
  wb.addSheet("绩效自评表", projectSheet(await seedTables(), 1000, 1000));
  const before = snapshot(wb);
  const host = simHost(wb);
  const v = await host.validate(STRICT);
  expect(v.status).toBe("ok");
  expect(v.warnings).toEqual([]);
  expect(v.result!.tables).toHaveLength(1000);
  const ins = await host.insertColumns(NATIONAL, true);
  expect(ins.status).toBe("ok");
  expect(ins.formulas).toBeGreaterThan(15000);
  expect((await host.removeColumns()).removed).toBe(1);
  await host.clear();
  expect(wb.requests.every((r) => Math.max(r.request, r.response) <= PAYLOAD_LIMIT)).toBe(true);
  expect(snapshot(wb)).toBe(before);
}, 120_000);

test("Validate workbook keeps a user's own note on a flagged cell too: the write is retried around it and the pane is told", async () => {
  const wb = await workbookOf("final-accounts-000.xlsx");
  // 05's 2050302 中等职业教育 off by 1.00, so that the 部门决算 workbook has highlights.
  const s05 = wb.sheets.find((x) => x.name.startsWith("公开05表"))!;
  s05.cells.get("9,2")!.value = 2300.8;
  const host = simHost(wb);
  const first = await host.validate(STRICT, "workbook");
  const flagged = first.result!.findings.find((f) => f.severity === "error" && (f.sheet ?? "") === s05.name)!;
  await host.clear("workbook");
  s05.notes.set(flagged.cell, "请核对（用户自己的备注）");
  const logged = jest.spyOn(console, "error").mockImplementation(() => undefined);
  const v = await host.validate(STRICT, "workbook");
  logged.mockRestore();
  expect(v.warnings.filter((w) => w.startsWith("write-failed"))).toEqual([]);
  expect(v.warnings).toContain(`foreign-notes:${s05.name}!${flagged.cell}`);
  expect(v.highlighted).toBeGreaterThan(0);
  expect(s05.notes.get(flagged.cell)).toBe("请核对（用户自己的备注）");
  await host.clear("workbook");
  expect(s05.notes.get(flagged.cell)).toBe("请核对（用户自己的备注）");
});

/**
 * Validate workbook and Clear workbook on a simulated multi-sheet host: the rebuilt 000 workbook (nine
 * 部门决算 tables and the 公开说明 text), every write queued until context.sync() as in Excel.
 */
import { clearWorkbook, validateWorkbook } from "../../src/excel/adapter";
import type { Capabilities } from "../../src/excel/capabilities";
import { memoryStore } from "../../src/excel/record";
import { toA1 } from "../../src/rules/address";
import { getProfile } from "../../src/rules/profiles";
import { gridSize, type Grid } from "../../src/tables/grid";
import { loadSheets } from "../helpers";

const CAPS: Capabilities = {
  minimum: true,
  cellProperties: true,
  mergedAreas: true,
  notes: true,
  comments: true,
  suspendCalculation: true,
} as Capabilities;

function multiSheetHost(sheets: Array<{ name: string; grid: Grid; protected?: boolean }>) {
  const pending: Array<() => void> = [];
  const state = { syncs: 0, fills: new Map<string, string>(), notes: new Map<string, string>() };
  const ws = sheets.map((s, k) => {
    const { rows, cols } = gridSize(s.grid);
    const empty = rows === 0;
    const cell = (f: (c: Grid["cells"][0][0] | undefined) => unknown) =>
      s.grid.cells.map((r) => Array.from({ length: cols }, (_, c) => f(r[c])));
    const key = (a: string) => `${s.name}!${a}`;
    return {
      id: `{sheet-${k}}`,
      name: s.name,
      protection: { protected: !!s.protected },
      load() {},
      getUsedRangeOrNullObject() {
        return {
          isNullObject: empty,
          load() {},
          values: cell((c) => c?.value ?? ""),
          text: cell((c) => c?.text ?? ""),
          numberFormat: cell((c) => c?.numberFormat ?? "General"),
          rowIndex: 0,
          columnIndex: 0,
          getMergedAreasOrNullObject: () => ({
            isNullObject: s.grid.merges.length === 0,
            load() {},
            address: s.grid.merges.map((m) => `'${s.name}'!${toA1(m.top, m.left)}:${toA1(m.bottom, m.right)}`).join(", "),
          }),
          getCellProperties: () => ({
            value: cell(() => ({ format: { fill: { color: "#FFFFFF", pattern: "None" } } })),
          }),
        };
      },
      getRange(a: string) {
        return {
          format: {
            fill: {
              set color(v: string) {
                pending.push(() => state.fills.set(key(a), v));
              },
              clear() {
                pending.push(() => state.fills.delete(key(a)));
              },
              set pattern(_: string) {},
              set patternColor(_: string) {},
              set tintAndShade(_: number) {},
              set patternTintAndShade(_: number) {},
            },
          },
        };
      },
      notes: {
        add(a: string, content: string) {
          pending.push(() => state.notes.set(key(a), content));
        },
        getItemOrNullObject(a: string) {
          return {
            load() {},
            get isNullObject() {
              return !state.notes.has(key(a));
            },
            get content() {
              return state.notes.get(key(a));
            },
            delete() {
              pending.push(() => state.notes.delete(key(a)));
            },
          };
        },
      },
    };
  });
  const context = {
    workbook: {
      worksheets: {
        items: ws,
        load() {},
        getActiveWorksheet: () => ws[0],
        getItemOrNullObject: (id: string) => ws.find((w) => w.id === id) ?? { isNullObject: true, load() {} },
      },
      comments: {},
    },
    application: { suspendApiCalculationUntilNextSync() {} },
    sync: async () => {
      state.syncs++;
      for (const op of pending.splice(0)) op();
    },
  };
  return { context: context as unknown as Excel.RequestContext, state };
}

it("validates every sheet in 3 syncs, highlights across sheets, skips a protected sheet, and Clear restores all", async () => {
  const sheets = await loadSheets("final-accounts-000.xlsx");
  // Break 05's 2050302 中等职业教育 (C10) by 1.00; protect 09.
  const g05 = sheets.find((s) => s.name.startsWith("公开05表"))!.grid;
  g05.cells[9][2] = { ...g05.cells[9][2], value: 2300.8, text: "2,300.80" };
  const host = multiSheetHost(sheets.map((s) => ({ ...s, protected: s.name.startsWith("公开09表") })));
  const store = memoryStore();
  const v = await validateWorkbook(host.context, { profile: getProfile("national"), caps: CAPS, store });
  expect(host.state.syncs).toBe(3);
  expect(v.status).toBe("ok");
  expect(v.sheets?.find((s) => s.name.startsWith("公开09表"))?.status).toBe("protected");
  expect(v.warnings).toContain("protected-sheets:公开09表 财政拨款“三公”经费支出决算表");
  const errors = v.result!.findings.filter((f) => f.severity === "error");
  expect(errors.map((f) => `${f.sheet}!${f.cell}`)).toEqual(
    expect.arrayContaining(["公开05表 一般公共预算财政拨款支出决算表!C9", "公开说明!A24"]),
  );
  expect(host.state.fills.get("公开05表 一般公共预算财政拨款支出决算表!C9")).toBe("#FFC7CE");
  expect(host.state.notes.get("公开说明!A24")).toMatch(/^复核/);
  expect([...host.state.fills.keys()].some((k) => k.startsWith("公开09表"))).toBe(false);
  expect(v.result!.tables.map((t) => t.sheet)).toContain("公开说明");

  const c = await clearWorkbook(host.context, { caps: CAPS, store });
  expect(c.restored).toBe(v.highlighted);
  expect(host.state.notes.size).toBe(0);
  expect(store.load()?.sheets ?? {}).toEqual({});
});

/**
 * Issue 18: a cell the inserted formulas refer to is cleared after they were inserted. Excel on Windows
 * and Mac passes an empty referenced cell to a custom function as 0 (Excel on the web passes null), and
 * TEXT(cell,"0.00%") turns it into "0.00%". The recomputed columns must then say #VALUE! with a reason on
 * every host, never a number computed from a 0 nobody stated. The formulas are evaluated over the
 * simulated workbook (test/sim/formula.ts) as each host would pass the arguments.
 */
import * as path from "path";
import { insertRecomputedColumns, memoryColumnsStore } from "../../src/excel/columns";
import { ALL_CAPABILITIES } from "../../src/excel/capabilities";
import { NATIONAL } from "../../src/rules/profiles";
import { loadSheets } from "../helpers";
import { SimWorkbook } from "../sim/excelSim";
import { evaluateFormula, type BlankArgument } from "../sim/formula";

const SAMPLE = path.join(__dirname, "..", "..", "assets", "samples", "sample.xlsx");

async function inserted(): Promise<SimWorkbook> {
  const wb = new SimWorkbook();
  for (const s of await loadSheets(SAMPLE)) wb.addSheet(s.name, s.grid);
  const r = await insertRecomputedColumns(wb.context(), {
    profile: NATIONAL,
    allowShift: true,
    caps: ALL_CAPABILITIES,
    store: memoryColumnsStore(),
  });
  expect(r.status).toBe("ok");
  return wb;
}

const refs = (formula: string) =>
  [...formula.matchAll(/\$?([A-Z]{1,3})\$?(\d+)(?![\d(])/g)].map((m) => m[0].replace(/\$/g, ""));
const key = (a1: string) => {
  const m = /^([A-Z]+)(\d+)$/.exec(a1)!;
  return `${Number(m[2]) - 1},${[...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1}`;
};

function evaluate(wb: SimWorkbook, formula: string, host: BlankArgument) {
  const sheet = wb.sheets[0];
  return evaluateFormula(formula, (r, c) => sheet.cells.get(`${r},${c}`) as never, host);
}

function clear(wb: SimWorkbook, a1: string): void {
  const cells = wb.sheets[0].cells;
  const c = cells.get(key(a1));
  expect(c && c.value !== null && !c.formula).toBe(true); // a stated figure, cleared by the user
  cells.set(key(a1), { ...c!, value: null });
}

const formulas = (wb: SimWorkbook, re: RegExp) =>
  [...wb.sheets[0].cells.values()].map((c) => c.formula ?? "").filter((f) => re.test(f));

describe.each(["desktop", "web"] as BlankArgument[])("blank cells reach the DC.* functions as blank (%s)", (host) => {
  test("before any cell is cleared, the inserted formulas give numbers (the evaluator agrees with the plan)", async () => {
    const wb = await inserted();
    const checks = formulas(wb, /^=DC\.CHECK\(/);
    expect(checks.length).toBeGreaterThan(3);
    for (const f of checks) expect(typeof evaluate(wb, f, host)).toBe("number");
  });

  test("a cleared stated score: DC.CHECK says #VALUE! (表列数为空), not minus the recomputed score", async () => {
    const wb = await inserted();
    const f = formulas(wb, /^=DC\.CHECK\(/)[0];
    clear(wb, refs(f)[0]);
    const v = evaluate(wb, f, host);
    expect(v).toEqual({ error: expect.stringContaining("为空") });
  });

  test("a cleared 全年执行数: DC.EXECUTIONRATE says #VALUE!, not 0%", async () => {
    const wb = await inserted();
    const f = formulas(wb, /DC\.EXECUTIONRATE\(/).find((x) => {
      const [b] = refs(x);
      return typeof wb.sheets[0].cells.get(key(b))?.value === "number" && wb.sheets[0].cells.get(key(b))!.value !== 0;
    })!;
    const [, executed] = refs(f);
    clear(wb, executed);
    expect(evaluate(wb, f, host)).toEqual({ error: expect.stringContaining("全年执行数为空") });
  });

  test("a cleared percent-formatted figure passed through TEXT(): #VALUE!, not a completion rate from 0.00%", async () => {
    const wb = await inserted();
    const f = formulas(wb, /^=DC\.COMPLETIONRATE\(.*TEXT\(/)[0];
    expect(f).toBeDefined();
    const inText = /TEXT\(\$?([A-Z]+)\$?(\d+)/.exec(f)!;
    clear(wb, `${inText[1]}${inText[2]}`);
    expect(evaluate(wb, f, host)).toEqual({ error: expect.any(String) });
  });

  test("a cleared 权重: DC.SCORE says #VALUE! (权重为空), not 0 points", async () => {
    const wb = await inserted();
    const f = formulas(wb, /^=DC\.SCORE\(/)[0];
    clear(wb, refs(f)[0]);
    expect(evaluate(wb, f, host)).toEqual({ error: expect.stringContaining("权重为空") });
  });
});

/**
 * Review statuses (复核状态) on the simulated workbook: kept in the hidden sheet 复核状态 by the findings'
 * stable keys; a finding marked 误报 or 接受 is not highlighted on the next validation; the sheet is never
 * validated as input and survives Clear.
 */
import { clearActiveSheet, validateActiveSheet, validateWorkbook } from "../../src/excel/adapter";
import { ALL_CAPABILITIES } from "../../src/excel/capabilities";
import { memoryStore } from "../../src/excel/record";
import { loadReviews, saveReviews } from "../../src/excel/review";
import { NATIONAL, strictProfile } from "../../src/rules/profiles";
import { readReviews, REVIEW_SHEET } from "../../src/tables/reviews";
import { keyedFindings } from "../../src/tables/workingPaper";
import { loadSheets } from "../helpers";
import { SimWorkbook } from "../sim/excelSim";

const STRICT = strictProfile(NATIONAL);

async function workbook(): Promise<SimWorkbook> {
  const wb = new SimWorkbook();
  for (const s of await loadSheets("self-evaluation-001.xlsx")) wb.addSheet(s.name, s.grid);
  return wb;
}

test("statuses are written to a hidden sheet 复核状态 and read back by key", async () => {
  const wb = await workbook();
  expect(await loadReviews(wb.context())).toEqual(new Map());
  const at = "2026-12-01T09:00:00.000Z";
  const kept = await saveReviews(
    wb.context(),
    [
      { key: "绩效自评表|甲|指标一|indicator.score", status: "已核实", reason: "与单位核对一致", at },
      { key: "绩效自评表|甲|指标二|indicator.score", status: "误报", reason: "", at },
    ],
    ALL_CAPABILITIES,
  );
  expect([...kept.keys()]).toHaveLength(2);
  const sheet = wb.sheet(REVIEW_SHEET)!;
  expect(sheet.visibility).toBe("Hidden");
  const back = await loadReviews(wb.context());
  expect(back.get("绩效自评表|甲|指标一|indicator.score")).toEqual({
    key: "绩效自评表|甲|指标一|indicator.score",
    status: "已核实",
    reason: "与单位核对一致",
    at,
  });
  // Back to 未复核 without a reason: the row goes.
  await saveReviews(
    wb.context(),
    [{ key: "绩效自评表|甲|指标二|indicator.score", status: "未复核", reason: "", at }],
    ALL_CAPABILITIES,
  );
  expect([...(await loadReviews(wb.context())).keys()]).toEqual(["绩效自评表|甲|指标一|indicator.score"]);
  expect(readReviews([["not a review sheet"]])).toBeNull();
});

test("a finding marked 误报 is not highlighted; the review sheet is not validated and survives Clear", async () => {
  const wb = await workbook();
  const store = memoryStore();
  const opts = { profile: STRICT, caps: ALL_CAPABILITIES, store };
  const first = await validateActiveSheet(wb.context(), opts);
  const errors = first.result!.findings.filter((f) => f.severity === "error");
  expect(errors.length).toBeGreaterThan(0);
  // A cell with exactly one highlighted finding: marking it 误报 leaves the cell without a highlight.
  const target = errors.find(
    (e) => first.result!.findings.filter((f) => f.cell === e.cell && f.severity !== "info").length === 1,
  )!;
  expect(target).toBeDefined();
  const keys = keyedFindings([{ sheet: first.sheet.name, result: first.result! }]);
  const key = keys[first.result!.findings.indexOf(target)].key;
  const tables = wb.sheets[0];
  const fillAt = (a1: string) => {
    const m = /^([A-Z]+)(\d+)$/.exec(a1)!;
    const c = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    return tables.cells.get(`${Number(m[2]) - 1},${c}`)?.fill;
  };
  expect(fillAt(target.cell)?.pattern).toBe("Solid");

  await saveReviews(
    wb.context(),
    [{ key, status: "误报", reason: "单位已说明", at: new Date().toISOString() }],
    ALL_CAPABILITIES,
  );
  const reviews = await loadReviews(wb.context());
  wb.activeId = tables.id;
  const again = await validateActiveSheet(wb.context(), { ...opts, reviews });
  // Still found (the list shows it with its status), no longer highlighted.
  expect(again.result!.findings).toContainEqual(expect.objectContaining({ cell: target.cell, rule: target.rule }));
  expect(fillAt(target.cell)?.pattern ?? "None").not.toBe("Solid");
  expect(again.highlighted).toBe(first.highlighted - 1);

  // The review sheet is the tool's own: Validate workbook leaves it out.
  const all = await validateWorkbook(wb.context(), { ...opts, reviews });
  expect(all.sheets!.map((s) => s.name)).not.toContain(REVIEW_SHEET);
  // Clear restores the fills and leaves the statuses.
  await clearActiveSheet(wb.context(), { caps: ALL_CAPABILITIES, store });
  expect((await loadReviews(wb.context())).get(key)!.status).toBe("误报");
});

/**
 * --layout: saved column mappings for headers the vocabulary does not know, in the JSON the pane exports.
 * The real 中江县 table (sc-zhongjiang-slj-2022-shuibiaochi) with its 全年实际值 header renamed to a word the
 * vocabulary does not know (an invented variant, for this test only).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { main, type JsonReport } from "../../src/cli/main";
import { FIXTURES } from "../helpers";

let tmp: string;
let variant: string;

function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  return main(args, { out: (s) => out.push(s), err: (s) => err.push(s) }).then((code) => ({ code, out: out.join("\n"), err: err.join("\n") }));
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dc-layout-"));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(FIXTURES, "provinces-sc-zhongjiang-slj-2022-shuibiaochi.xlsx"));
  const ws = wb.worksheets[0];
  expect(ws.getCell("G10").value).toBe("全年实际值");
  ws.getCell("G10").value = "全年实绩";
  variant = path.join(tmp, "variant.xlsx");
  await wb.xlsx.writeFile(variant);
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function report(args: string[]): Promise<{ code: number; out: string; err: string; json: JsonReport }> {
  const json = path.join(tmp, `r${Math.random()}.json`);
  const r = await run([variant, "--json", json, ...args]);
  return { ...r, json: JSON.parse(fs.readFileSync(json, "utf8")) as JsonReport };
}

test("an unknown header over figures: a table.unmapped-column warning, and the indicator scores are not recomputed", async () => {
  const r = await report([]);
  const t = r.json.files[0].tables[0];
  expect(t.unmappedHeaders).toEqual(["全年实绩"]);
  expect(t.columns?.["indicator.actual"]).toBeUndefined();
  const f = r.json.files[0].findings;
  expect(f.find((x) => x.rule === "table.unmapped-column")).toMatchObject({ cell: "G10", severity: "warning" });
  expect(f.filter((x) => x.rule === "indicator.score" && x.severity === "info")).toHaveLength(9);
});

test("--layout maps it: the header gets its role, the rows are recomputed, the table names the layout", async () => {
  const file = path.join(tmp, "layout.json");
  // A BOM at the start, as Notepad writes it, is accepted.
  fs.writeFileSync(
    file,
    "\uFEFF" + JSON.stringify({ version: 1, layouts: [{ name: "中江水利表", part: "indicator", headers: { 全年实绩: "actual" } }] }),
  );
  const r = await report(["--layout", file]);
  const t = r.json.files[0].tables[0];
  expect(t.unmappedHeaders).toEqual([]);
  expect(t.columns?.["indicator.actual"]).toBe("G10");
  expect(t.layouts).toEqual(["中江水利表"]);
  const f = r.json.files[0].findings;
  expect(f.filter((x) => x.rule === "table.unmapped-column")).toEqual([]);
  expect(f.filter((x) => x.rule === "indicator.score")).toEqual([]);
  // The table's own errors are still found: weights 110, 总分 100.
  expect(f.filter((x) => x.severity === "error").map((x) => `${x.cell} ${x.rule}`)).toEqual(["E22 table.weight-sum", "H22 table.total-score"]);
});

test("a layout never overrides what the vocabulary maps unless it says so", async () => {
  const file = path.join(tmp, "override.json");
  const layout = (override: boolean) => ({ version: 1, layouts: [{ name: "改分值", part: "indicator", headers: { 分值: "score", 全年实绩: "actual" }, override }] });
  fs.writeFileSync(file, JSON.stringify(layout(false)));
  const kept = await report(["--layout", file]);
  expect(kept.json.files[0].tables[0].columns?.["indicator.weight"]).toBe("E10");
  fs.writeFileSync(file, JSON.stringify(layout(true)));
  const overridden = await report(["--layout", file]);
  expect(overridden.json.files[0].tables[0].columns?.["indicator.weight"]).toBeUndefined();
});

test("a layout file that cannot be read, or is not JSON, is one Chinese message and exit 2; unknown roles are named", async () => {
  const missing = await run([variant, "--layout", path.join(tmp, "nope.json")]);
  expect(missing.code).toBe(2);
  expect(missing.err).toMatch(/无法读取布局文件/);
  const bad = path.join(tmp, "bad.json");
  fs.writeFileSync(bad, "{ not json");
  const r = await run([variant, "--layout", bad]);
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/不是有效的 JSON/);
  const odd = path.join(tmp, "odd.json");
  fs.writeFileSync(odd, JSON.stringify({ layouts: [{ name: "x", part: "indicator", headers: { 全年实绩: "weight2" } }] }));
  const o = await run([variant, "--layout", odd]);
  expect(o.err).toMatch(/用途「weight2」无法识别/);
});

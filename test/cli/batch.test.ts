/**
 * Batch mode (--summary): every workbook under a directory on worker threads, a summary workbook read
 * back with exceljs and compared with the single-file CLI's own counts; a broken file fails alone.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { progressLine, workerCount } from "../../src/cli/batch";
import { expandInputs, main, type JsonReport } from "../../src/cli/main";
import { RULE_TITLES } from "../../src/rules/checks";
import type { RuleId } from "../../src/rules/types";
import { FIXTURES } from "../helpers";

const ROOT = path.join(__dirname, "..", "..");
let tmp: string;

function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  return main(args, { out: (s) => out.push(s), err: (s) => err.push(s) }).then((code) => ({ code, out: out.join("\n"), err: err.join("\n") }));
}

beforeAll(() => {
  // The workers run the compiled CLI (lib/): build it from the sources under test, with no stale module left.
  fs.rmSync(path.join(ROOT, "lib"), { recursive: true, force: true });
  execFileSync(process.execPath, [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", path.join(ROOT, "tsconfig.cli.json")]);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dc-batch-"));
}, 120_000);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function readSummary(file: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const rows = (name: string) => {
    const ws = wb.getWorksheet(name)!;
    const head = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    const out: Array<Record<string, unknown>> = [];
    ws.eachRow((row, n) => {
      if (n === 1) return;
      const v = (row.values as unknown[]).slice(1);
      out.push(Object.fromEntries(head.map((h, i) => [h, v[i]])));
    });
    return { head, rows: out };
  };
  return { summary: rows("汇总"), failures: rows("失败") };
}

test("disclosure-check test/fixtures --summary out.xlsx: one row per file and table, counts equal the single-file run", async () => {
  const out = path.join(tmp, "out.xlsx");
  const json = path.join(tmp, "batch.json");
  const r = await run([FIXTURES, "--summary", out, "--json", json]);
  expect(r.code).toBe(1); // the seeds have error findings
  const files = expandInputs([FIXTURES]).files.length; // with the sub-folder written-by/
  expect(files).toBe(fs.readdirSync(FIXTURES).filter((f) => f.endsWith(".xlsx")).length + 2);
  expect(files).toBeGreaterThan(30); // the seeds, the rebuilt 部门决算 sets and the real tables of other provinces
  expect(r.out).toMatch(new RegExp(`批量校验：${files} 个文件，${workerCount(files)} 个工作线程`));
  const { summary, failures } = await readSummary(out);
  expect(summary.head.slice(0, 13)).toEqual(["文件", "单位", "工作表", "表号", "区域", "类型", "表格名称", "评分口径", "推断口径", "检查数", "错误", "警告", "提示"]);
  // Rule columns under their Chinese titles; the codes last.
  expect(summary.head.slice(-3)).toEqual(["类型编号", "评分口径编号", "推断口径编号"]);
  const ruleTitles = summary.head.slice(13, -3);
  expect(ruleTitles.length).toBeGreaterThan(5);
  for (const h of ruleTitles) expect(Object.values(RULE_TITLES).map((x) => x.zh)).toContain(h);
  const column = (rule: RuleId) => RULE_TITLES[rule].zh;
  expect(failures.rows).toEqual([]);
  // One 小计 row after each workbook: its counts are the sums of the workbook's rows.
  const subtotals = summary.rows.filter((row) => row["工作表"] === "小计");
  const tableRows = summary.rows.filter((row) => row["工作表"] !== "小计");
  expect(subtotals.length).toBe(new Set(tableRows.map((row) => row["文件"])).size);
  for (const st of subtotals) {
    const own = tableRows.filter((row) => row["文件"] === st["文件"]);
    expect(Number(st["错误"])).toBe(own.reduce((n, row) => n + Number(row["错误"]), 0));
    expect(Number(st["检查数"])).toBe(own.reduce((n, row) => n + Number(row["检查数"]), 0));
  }
  // The unit's name per file, from its 单位整体 table.
  expect(tableRows.find((row) => String(row["文件"]).endsWith("self-evaluation-001.xlsx"))!["单位"]).toBe("昌吉回族自治州教育局");
  // Chinese kinds, codes beside them.
  expect(tableRows.find((row) => row["类型编号"] === "project-self-evaluation")!["类型"]).toBe("项目");

  // The same files checked one by one, in this process: same tables, same counts per table.
  const single = path.join(tmp, "single.json");
  await run([FIXTURES, "--json", single]);
  const report = JSON.parse(fs.readFileSync(single, "utf8")) as JsonReport;
  const expected = report.files.flatMap((f) => f.tables.map((t) => [f.file, t.sheet, t.range, t.kind, t.findings]));
  const got = tableRows.map((row) => [row["文件"], row["工作表"], row["区域"], row["类型编号"], Number(row["错误"]) + Number(row["警告"]) + Number(row["提示"])]);
  expect(got).toEqual(expected);
  expect(tableRows.length).toBe(report.files.reduce((n, f) => n + f.tables.length, 0));
  expect(tableRows.length).toBeGreaterThan(150); // 132 tables of the seeds' sets and 29 of other provinces
  // Per rule: the counts add up to the findings of each file.
  for (const f of report.files) {
    const rows = tableRows.filter((row) => row["文件"] === f.file);
    const byRule = (rule: RuleId) => rows.reduce((n, row) => n + Number(row[column(rule)] ?? 0), 0);
    for (const rule of new Set(f.findings.map((x) => x.rule))) expect(byRule(rule as RuleId)).toBe(f.findings.filter((x) => x.rule === rule).length);
  }
  // 001's 17 tables with its inferred profiles; the batch JSON equals the single-file JSON file by file.
  expect(tableRows.filter((row) => String(row["文件"]).endsWith("self-evaluation-001.xlsx"))).toHaveLength(17);
  const batch = JSON.parse(fs.readFileSync(json, "utf8")) as JsonReport;
  expect(batch.files).toEqual(report.files);
}, 120_000);

test("a file that cannot be read is listed under 失败 and the batch goes on", async () => {
  const dir = path.join(tmp, "in");
  fs.mkdirSync(path.join(dir, "sub"), { recursive: true });
  fs.copyFileSync(path.join(FIXTURES, "self-evaluation-001.xlsx"), path.join(dir, "a.xlsx"));
  fs.writeFileSync(path.join(dir, "b.xlsx"), "not a workbook");
  fs.copyFileSync(path.join(FIXTURES, "final-accounts-000.xlsx"), path.join(dir, "sub", "c.xlsx"));
  const out = path.join(tmp, "with-failure.xlsx");
  const r = await run([dir, "--summary", out]);
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/b\.xlsx：这是文本文件/);
  expect(r.out).toMatch(/1 个文件未能校验/);
  const { summary, failures } = await readSummary(out);
  expect(new Set(summary.rows.map((row) => path.basename(String(row["文件"]))))).toEqual(new Set(["a.xlsx", "c.xlsx"]));
  expect(summary.rows).toHaveLength(17 + 1 + 10 + 1); // the tables and a 小计 row per workbook
  expect(failures.rows).toHaveLength(1);
  expect(path.basename(String(failures.rows[0]["文件"]))).toBe("b.xlsx");
  expect(String(failures.rows[0]["原因"])).toMatch(/这是文本文件/);
}, 120_000);

test("a file over its time budget is stopped, listed under 失败, and the batch still writes its summary", async () => {
  const out = path.join(tmp, "timed-out.xlsx");
  // No file can be read and checked in a millisecond: every one is stopped at its budget.
  const r = await run([path.join(FIXTURES, "self-evaluation-001.xlsx"), path.join(FIXTURES, "final-accounts-000.xlsx"), "--summary", out, "--time-limit", "0.001"]);
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/self-evaluation-001\.xlsx：校验超过 0\.001 秒的时限，已停止/);
  expect(r.err).toMatch(/final-accounts-000\.xlsx：校验超过 0\.001 秒的时限，已停止/);
  const { summary, failures } = await readSummary(out);
  expect(summary.rows).toEqual([]);
  expect(failures.rows.map((row) => path.basename(String(row["文件"])))).toEqual(["self-evaluation-001.xlsx", "final-accounts-000.xlsx"]);
  // --time-limit belongs to batch mode and takes a positive number of seconds.
  for (const bad of [["--time-limit", "0", "--summary", out], ["--time-limit", "ten", "--summary", out], ["--time-limit", "5"]]) {
    const b = await run([path.join(FIXTURES, "self-evaluation-001.xlsx"), ...bad]);
    expect(b.code).toBe(2);
    expect(b.err).toMatch(/--time-limit 是批量校验/);
  }
}, 120_000);

test("--summary with --out --export: each worker writes its file's annotated copy with its working paper", async () => {
  const dir = path.join(tmp, "copies-in");
  fs.mkdirSync(path.join(dir, "a"), { recursive: true });
  fs.mkdirSync(path.join(dir, "b"), { recursive: true });
  fs.copyFileSync(path.join(FIXTURES, "self-evaluation-001.xlsx"), path.join(dir, "a", "表.xlsx"));
  fs.copyFileSync(path.join(FIXTURES, "provinces-yn-lijiang-gucheng-zrzy-2020-weipian.xlsx"), path.join(dir, "b", "表.xlsx"));
  const outDir = path.join(tmp, "copies-out");
  const r = await run([dir, "--summary", path.join(tmp, "with-copies.xlsx"), "--out", outDir, "--export"]);
  expect(r.err).toBe("");
  expect(r.code).toBe(1);
  for (const rel of ["a/表.checked.xlsx", "b/表.checked.xlsx"]) {
    const file = path.join(outDir, rel);
    expect(r.out).toContain(`批注副本：${file}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.getWorksheet("复核结果")!.getCell("A1").value).toBe("复核结果（审计工作底稿）");
  }
  // The same run again: the copies exist, so they are refused (no --force) and the batch says so.
  const again = await run([dir, "--summary", path.join(tmp, "with-copies-2.xlsx"), "--out", outDir, "--export"]);
  expect(again.code).toBe(2);
  expect(again.err).toMatch(/已存在，未覆盖/);
}, 120_000);

test("the progress bar", () => {
  expect(progressLine(0, 4, "/a/b.xlsx", 8)).toBe("[........] 0/4  b.xlsx");
  expect(progressLine(3, 4, "/a/b.xlsx", 8)).toBe("[######..] 3/4  b.xlsx");
  expect(progressLine(12, 12, "c.xlsx", 8)).toBe("[########] 12/12  c.xlsx");
});

/**
 * The CLI end to end, in-process: sample workbook, JSON report, annotated copy, exit codes.
 */
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { main, SAMPLE_WORKBOOK, type JsonReport } from "../../src/cli/main";
import { findingLabel as findingRowLabel } from "../../src/tables/workingPaper";
import { FIXTURES } from "../helpers";

function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  return main(args, { out: (s) => out.push(s), err: (s) => err.push(s) }).then((code) => ({
    code,
    out: out.join("\n"),
    err: err.join("\n"),
  }));
}

const sha = (f: string) => crypto.createHash("sha256").update(fs.readFileSync(f)).digest("hex");
let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dc-cli-"));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

test("with no file it checks the bundled sample and prints a per-table summary, then the findings", async () => {
  const r = await run([]);
  // Document 001 has no arithmetic error: its scores that national does not give follow its own rules,
  // one 口径差异 per table (exit 1 is for arithmetic errors only).
  expect(r.code).toBe(0);
  expect(r.out).toContain(path.basename(SAMPLE_WORKBOOK));
  expect(r.out).toMatch(/工作表 绩效自评表：17 张表（单位整体 1 张、项目 16 张），检查 \d+ 项，错误 0、警告 14、提示 18/);
  expect(r.out).toMatch(/问题：/);
  expect(r.out).toMatch(/警告\s+绩效自评表!\w+\d+\s+口径差异（本表评分口径与所选不同）（profile\.departs）/);
  expect(r.out).toMatch(/提示\s+绩效自评表!\w+\d+\s+预算执行得分（fund\.score）\s+第\d+表  表列 [\d.]+  应为 [\d.]+/);
  expect(r.out).toMatch(/计算错误 0 · 口径差异 18 行（11 张表），口径提醒 3 项 · 缺失 0 · 无法复核 0 · 提示 0/);
  expect(r.out).toMatch(/合计：1 个文件，17 张表，错误 0、警告 14、提示 18/);
  // Notes name what their figures are, with units: 业绩值 100% ≥ 目标值 95%，达成 → 10.
  expect(r.out).toMatch(/（= 业绩值 [\d.]+\S* [≥≤] 目标值 [\d.]+\S*，达成 → [\d.]+）/);
  // Chinese by default: no English word outside file names, paths and rule ids.
  const words = r.out
    .replace(/[\w./-]+\.xlsx/g, "")
    .replace(/\((?:[a-z]+\.)+[a-z-]+\)|（(?:[a-z]+\.)+[a-z-]+）/g, "")
    .replace(/disclosure-check|national|\b(min|max)\(/g, "")
    .match(/[A-Za-z]{3,}/g);
  expect(words).toBeNull();
  // --lang en: the same report in English.
  const en = await run(["--lang", "en"]);
  expect(en.out).toMatch(/sheet 绩效自评表: 17 tables \(1 unit, 16 project\)/);
  expect(en.out).toMatch(/WARNING\s+绩效自评表!\w+\d+\s+profile\.departs/);
  expect(en.out).toMatch(/Total: 1 file\(s\), 17 tables, 0 errors/);
  expect(en.out).toMatch(/rule differences 18 rows \(11 tables\)/);
  // national-strict keeps the per-cell errors: exit 1.
  const strict = await run(["--profile", "national-strict"]);
  expect(strict.code).toBe(1);
  expect(strict.out).toMatch(/错误\s+绩效自评表!\w+\d+\s+预算执行得分（fund\.score）/);
  expect(strict.out).toMatch(/计算错误 18 · 口径差异 0 行（0 张表），口径提醒 3 项/);
});

test("--json writes the report in the agreed shape", async () => {
  const json = path.join(tmp, "report.json");
  const r = await run([path.join(FIXTURES, "self-evaluation-000.xlsx"), "--profile", "national", "--json", json]);
  expect(r.code).toBe(1);
  const rep = JSON.parse(fs.readFileSync(json, "utf8")) as JsonReport;
  expect(rep).toMatchObject({ tool: "disclosure-check", profile: "national" });
  expect(rep.version).toMatch(/^\d+\.\d+\.\d+$/);
  expect(rep.files).toHaveLength(1);
  const f = rep.files[0];
  expect(f.tables).toHaveLength(48);
  expect(Object.keys(f.tables[0]).sort()).toEqual([
    "checks",
    "columns",
    "coverage",
    "explainedRows",
    "findings",
    "inferredProfile",
    "judgedUnder",
    "kind",
    "layout",
    "offTargetExplained",
    "offTargetRows",
    "range",
    "scoredRows",
    "sheet",
    "title",
    "unmappedHeaders",
  ]);
  // Coverage you can see: the unit table's mapped header cells, no unknown header, every stated figure checked.
  expect(f.tables[0].columns).toMatchObject({
    "fund.executed": expect.stringMatching(/^E\d+$/),
    "indicator.target": expect.any(String),
  });
  expect(f.tables[0].unmappedHeaders).toEqual([]);
  expect(f.tables[0].coverage.present).toBeGreaterThan(20);
  expect(f.tables[0].coverage.checked).toBe(f.tables[0].coverage.present);
  expect(f.tables[0]).toMatchObject({
    sheet: "绩效自评表",
    kind: "unit-self-evaluation",
    layout: "unit",
    title: "昌吉职业技术学院",
  });
  expect(f.tables[0].range).toMatch(/^[A-Z]+\d+:[A-Z]+\d+$/);
  const budget = f.findings.find((x) => x.stated === "9.82" && x.rule === "fund.score")!;
  expect(budget).toMatchObject({
    sheet: "绩效自评表",
    severity: "info",
    category: "rule",
    expected: "9.93",
    profile: "national",
  });
  expect(budget.cell).toMatch(/^[A-Z]+\d+$/);
  expect(Object.keys(budget).sort()).toEqual([
    "category",
    "cell",
    "expected",
    "fields",
    "formula",
    "message",
    "messageId",
    "profile",
    "rule",
    "severity",
    "sheet",
    "stated",
  ]);
  // The note's template and its figures, for machines: the fields are the figures of the message.
  expect(budget.messageId).toBe("disagreeBy");
  expect(budget.fields).toMatchObject({ expected: "9.93", stated: "9.82" });
  for (const [k, v] of Object.entries(budget.fields)) if (!k.endsWith("En")) expect(budget.message).toContain(v);
  expect(f.findings.length).toBe(f.tables.reduce((n, t) => n + t.findings, 0));
});

test("--out writes an annotated copy with fills and notes; the input is never modified", async () => {
  const input = path.join(tmp, "in.xlsx");
  fs.copyFileSync(path.join(FIXTURES, "self-evaluation-000.xlsx"), input);
  const before = sha(input);
  const out = path.join(tmp, "annotated.xlsx");
  const json = path.join(tmp, "r.json");
  const r = await run([input, "--out", out, "--json", json]);
  expect(r.code).toBe(1);
  expect(sha(input)).toBe(before);
  const rep = JSON.parse(fs.readFileSync(json, "utf8")) as JsonReport;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const ws = wb.getWorksheet("绩效自评表")!;
  for (const f of rep.files[0].findings.filter((x) => x.severity !== "info")) {
    const cell = ws.getCell(f.cell);
    const fill = cell.fill as ExcelJS.FillPattern;
    expect(fill.fgColor?.argb).toBe(
      f.severity === "error" || rep.files[0].findings.some((g) => g.cell === f.cell && g.severity === "error")
        ? "FFFFC7CE"
        : "FFFFEB9C",
    );
    expect(String(typeof cell.note === "string" ? cell.note : JSON.stringify(cell.note))).toContain(
      f.message.slice(0, 12),
    );
  }
  // Only those cells are filled (exceljs shares styles between cells; a shared fill would spread).
  const highlighted = new Set(rep.files[0].findings.filter((x) => x.severity !== "info").map((x) => x.cell));
  let filled = 0;
  ws.eachRow((row) => row.eachCell((cell) => ((cell.fill as ExcelJS.FillPattern | undefined)?.fgColor ? filled++ : 0)));
  expect(filled).toBe(highlighted.size);
  // Stated figures are untouched in the copy.
  const original = new ExcelJS.Workbook();
  await original.xlsx.readFile(input);
  const o = original.getWorksheet("绩效自评表")!;
  o.eachRow((row, r) => row.eachCell((cell, c) => expect(ws.getCell(r, c).value).toEqual(cell.value)));
});

test("checking an annotated copy again replaces the tool's notes instead of doubling them", async () => {
  const once = path.join(tmp, "notes-1.xlsx");
  const twice = path.join(tmp, "notes-2.xlsx");
  await run([path.join(FIXTURES, "provinces-yn-lijiang-gucheng-zrzy-2020-weipian.xlsx"), "--out", once]);
  await run([once, "--out", twice]);
  const notes = async (file: string) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const out: Record<string, string> = {};
    wb.worksheets[0].eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.note) out[cell.address] = typeof cell.note === "string" ? cell.note : JSON.stringify(cell.note);
      }),
    );
    return out;
  };
  const first = await notes(once);
  expect(Object.keys(first).length).toBeGreaterThan(0);
  expect(await notes(twice)).toEqual(first);
});

test("--out refuses to overwrite its input", async () => {
  const input = path.join(tmp, "same.xlsx");
  fs.copyFileSync(path.join(FIXTURES, "self-evaluation-001.xlsx"), input);
  const before = sha(input);
  const r = await run([input, "--out", input]);
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/就是输入文件.*不能覆盖输入/);
  expect(sha(input)).toBe(before);
});

test("a directory is checked file by file", async () => {
  const r = await run([FIXTURES, "--json", path.join(tmp, "dir.json")]);
  const rep = JSON.parse(fs.readFileSync(path.join(tmp, "dir.json"), "utf8")) as JsonReport;
  expect(rep.files.map((f) => path.basename(f.file))).toEqual(
    expect.arrayContaining([
      "self-evaluation-000.xlsx",
      "self-evaluation-001.xlsx",
      "self-evaluation-002.xlsx",
      "self-evaluation-003.xlsx",
    ]),
  );
  expect(rep.files.reduce((n, f) => n + f.tables.length, 0)).toBeGreaterThanOrEqual(102);
  expect(r.code).toBe(1);
});

test("exit 0 when nothing is wrong, with its own message for a sheet without tables", async () => {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("名单").addRow(["姓名", "金额"]);
  const file = path.join(tmp, "clean.xlsx");
  await wb.xlsx.writeFile(file);
  const r = await run([file]);
  expect(r.code).toBe(0);
  expect(r.out).toMatch(/没有找到公开表格/);
});

test("exit 2 with a clear message for unreadable inputs, unknown sheets and profiles", async () => {
  const bad = path.join(tmp, "bad.xlsx");
  fs.writeFileSync(bad, "not a workbook");
  let r = await run([bad]);
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/bad\.xlsx：这是文本文件/);
  r = await run([path.join(tmp, "missing.xlsx")]);
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/找不到文件或文件夹：.*missing\.xlsx/);
  r = await run([path.join(FIXTURES, "self-evaluation-001.xlsx"), "--sheet", "nope"]);
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/没有名为“nope”的工作表/);
  r = await run(["--profile", "lenient"]);
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/无法识别的评分口径「lenient」/);
  // Profile names are looked up as own properties: JavaScript's own names are unknown profiles, not crashes.
  for (const name of ["__proto__", "toString", "constructor", "hasOwnProperty"]) {
    r = await run(["--profile", name]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`无法识别的评分口径「${name}」`);
  }
});

describe("--profile", () => {
  test("auto prints the fit table and judges each table under its inferred profile", async () => {
    const json = path.join(tmp, "auto.json");
    const r = await run([path.join(FIXTURES, "self-evaluation-001.xlsx"), "--profile", "auto", "--json", json]);
    expect(r.out).toMatch(/评分口径：每张表按其自身得分识别的口径复核（auto）/);
    expect(r.out).toMatch(/推断口径\s+表数\s+吻合\s+r≠100%\s+占比/);
    expect(r.out).toMatch(/全部表格\s+17\s+155\/155\s+26\/26\s+100\.0%/);
    const rep = JSON.parse(fs.readFileSync(json, "utf8")) as JsonReport;
    expect(rep.profile).toBe("auto");
    const t = rep.files[0].tables;
    expect(t.every((x) => x.judgedUnder === x.inferredProfile)).toBe(true);
    expect(t.reduce((a, x) => a + x.scoredRows, 0)).toBe(155);
    expect(t.reduce((a, x) => a + x.explainedRows, 0)).toBe(155);
    // 001 has no error under the rules its own tables follow.
    expect(rep.files[0].findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(r.code).toBe(0);
  });

  test("a preset by id", async () => {
    const r = await run([path.join(FIXTURES, "self-evaluation-001.xlsx"), "--profile", "threshold-60-deviation"]);
    expect(r.out).toMatch(/评分口径：60%阈值\+偏离度扣分（threshold-60-deviation）/);
  });

  test("PATH.json: a custom profile is read, named in every finding, and validated", async () => {
    const file = path.join(tmp, "county.json");
    fs.writeFileSync(
      file,
      JSON.stringify({ id: "county-a", name: "某县口径", belowTarget: { kind: "threshold", floor: 0.6 } }),
    );
    const json = path.join(tmp, "county-report.json");
    const r = await run([path.join(FIXTURES, "self-evaluation-000.xlsx"), "--profile", file, "--json", json]);
    expect(r.out).toMatch(/评分口径：某县口径（county-a）/);
    const rep = JSON.parse(fs.readFileSync(json, "utf8")) as JsonReport;
    const scored = rep.files[0].findings.filter((f) => f.rule === "indicator.score");
    expect(scored.length).toBeGreaterThan(0);
    for (const f of scored) {
      expect(f.profile).toBe("county-a");
      expect(f.message).toContain("规则：某县口径〔偏离国家口径：未达目标；各地实践，无国家公式〕");
    }

    const bad = path.join(tmp, "bad.json");
    fs.writeFileSync(bad, JSON.stringify({ rounding: "bankers" }));
    const b = await run([path.join(FIXTURES, "self-evaluation-000.xlsx"), "--profile", bad]);
    expect(b.code).toBe(2);
    expect(b.err).toContain('rounding 应为 "half-up"（四舍五入）或 "truncate"（截断）');
    const broken = path.join(tmp, "broken.json");
    fs.writeFileSync(broken, "{ not json");
    const c = await run([path.join(FIXTURES, "self-evaluation-000.xlsx"), "--profile", broken]);
    expect(c.code).toBe(2);
    expect(c.err).toMatch(/不是有效的 JSON/);
    const missing = await run([
      path.join(FIXTURES, "self-evaluation-000.xlsx"),
      "--profile",
      path.join(tmp, "none.json"),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/无法读取评分口径文件.*路径不存在/);
    // Notepad's UTF-8 byte-order mark is accepted.
    const bom = path.join(tmp, "bom.json");
    fs.writeFileSync(bom, "\uFEFF" + JSON.stringify({ id: "county-b", name: "某县口径乙" }));
    const withBom = await run([path.join(FIXTURES, "self-evaluation-001.xlsx"), "--profile", bom]);
    expect(withBom.err).toBe("");
    expect(withBom.out).toMatch(/评分口径：某县口径乙（county-b）/);
  });
});

test("a rebuilt 部门决算 workbook: every sheet validated together, JSON kinds and the text's claim counts", async () => {
  const json = path.join(os.tmpdir(), `dc-fa-${process.pid}.json`);
  const r = await run([path.join(__dirname, "..", "fixtures", "final-accounts-001.xlsx"), "--json", json]);
  expect(r.code).toBe(0);
  const report = JSON.parse(fs.readFileSync(json, "utf8"));
  const kinds = report.files[0].tables.map((t: { kind: string }) => t.kind);
  expect(kinds).toEqual([
    "income-expenditure-summary",
    "income",
    "expenditure",
    "fiscal-income-expenditure-summary",
    "general-budget-expenditure",
    "general-budget-basic-expenditure",
    "government-fund",
    "state-capital-operation",
    "three-public-expenses",
    "narrative",
  ]);
  const text = report.files[0].tables.find((t: { kind: string }) => t.kind === "narrative");
  expect(text.claims.change).toEqual({ found: 16, disagree: 0 });
  expect(report.files[0].findings.every((f: { severity: string }) => f.severity === "info")).toBe(true);
  expect(r.out).toMatch(/公开说明中的陈述：占比 21 处，增减变化 16 处/);
});

test("--insert-columns writes the recomputed columns as values and --export a 复核结果 sheet into the annotated copy", async () => {
  const input = path.join(FIXTURES, "self-evaluation-000.xlsx");
  const before = sha(input);
  const out = path.join(tmp, "columns.xlsx");
  const r = await run([input, "--out", out, "--insert-columns", "--export"]);
  expect(r.code).toBe(1);
  expect(sha(input)).toBe(before);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const ws = wb.worksheets[0];
  // The same plan the add-in uses: 000's 48 stacked tables share one block written into empty cells.
  const { planRecomputedColumns } = await import("../../src/tables/columns");
  const { validateGrid } = await import("../../src/tables/validate");
  const { loadGrid } = await import("../helpers");
  const { NATIONAL } = await import("../../src/rules/profiles");
  const grid = await loadGrid(input);
  const result = validateGrid(grid, NATIONAL);
  const plan = planRecomputedColumns(grid, result);
  const values = plan.blocks.flatMap((b) => b.cells.filter((c) => c.formula));
  // Blank recomputed values (a row with nothing to recompute) are not written.
  const written = values.filter((c) => c.value !== null && c.value !== undefined && c.value !== "");
  expect(r.out).toContain(`写入复核值 ${written.length} 个`);
  const budget = values.find((c) => c.formula === '=DC.BUDGETSCORE(IF(ISBLANK($F26),"",$F26),IF(ISBLANK($D26),"",$D26),IF(ISBLANK($E26),"",$E26),"national")')!;
  expect(ws.getCell(budget.row + 1, budget.col + 1).value).toBe(9.93);
  expect(ws.getCell(budget.row, budget.col + 1).value).toBe("复核得分");
  const failed = values.find((c) => c.value === "#VALUE!")!;
  expect(ws.getCell(failed.row + 1, failed.col + 1).value).toEqual({ error: "#VALUE!" });

  // The working paper, read back with exceljs: the header block filled, numbers as numbers, the autofilter
  // and the print set-up set, and no English outside the last (machine) columns.
  const paper = wb.getWorksheet("复核结果")!;
  expect(paper.getCell("A1").value).toBe("复核结果（审计工作底稿）");
  const header = new Map<string, unknown>();
  for (let r = 2; r <= 10; r++) header.set(String(paper.getCell(r, 1).value), paper.getCell(r, 2).value);
  expect(header.get("被审计单位")).toBe("昌吉职业技术学院");
  expect(header.get("源文件")).toBe("self-evaluation-000.xlsx");
  expect(header.get("工作表")).toBe(ws.name);
  expect(header.get("评分口径")).toBe("国家口径（财预〔2020〕10号）");
  expect(String(header.get("复核时间"))).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  for (const typed of ["编制人", "复核人", "索引号"]) expect(header.has(typed)).toBe(true);
  expect(paper.getCell(8, 4).value).toBe("日期");
  const headRow = 12;
  const titles = (paper.getRow(headRow).values as unknown[]).slice(1);
  expect(titles).toEqual([
    "序号",
    "表",
    "单元格",
    "指标或行",
    "规则",
    "类别",
    "严重程度",
    "表列",
    "应为",
    "差额",
    "计算",
    "说明",
    "复核状态",
    "审计说明",
    "规则编号",
    "评分口径编号",
    "匹配键",
  ]);
  expect(paper.rowCount).toBe(headRow + result.findings.length);
  const col = (t: string) => titles.indexOf(t) + 1;
  const budgetRow = result.findings.findIndex((x) => x.stated === "9.82" && x.expected === "9.93");
  expect(budgetRow).toBeGreaterThanOrEqual(0);
  const row = paper.getRow(headRow + 1 + budgetRow);
  expect(row.getCell(col("表列")).value).toBe(9.82);
  expect(row.getCell(col("应为")).value).toBe(9.93);
  expect(row.getCell(col("差额")).value).toBeCloseTo(0.11, 10);
  expect(row.getCell(col("差额")).numFmt).toBe("0.00");
  expect(row.getCell(col("指标或行")).value).toBe(findingRowLabel(result, result.findings[budgetRow]));
  expect(row.getCell(col("复核状态")).value).toBe("未复核");
  expect(row.getCell(col("类别")).value).toBe("口径差异");
  expect(paper.autoFilter).toBe(`A${headRow}:Q${headRow + result.findings.length}`);
  expect(paper.pageSetup).toMatchObject({ orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
  expect(paper.views[0]).toMatchObject({ state: "frozen", ySplit: headRow });
  expect(paper.pageSetup.printTitlesRow).toBe(`${headRow}:${headRow}`); // _xlnm.Print_Titles: the column header repeats on every page
  for (let r = headRow + 1; r <= paper.rowCount; r++)
    for (let c = 1; c < col("规则编号"); c++) {
      if (c === col("单元格")) continue; // a sheet name and an A1 address
      const v = paper.getCell(r, c).value;
      // Formulas may use min and max; nothing else in Latin letters.
      if (typeof v === "string") expect(`${r},${c}: ${v.replace(/\b(min|max)\(/g, "(")}`).not.toMatch(/[A-Za-z]{3,}/);
    }
  const f = result.findings[0];
  expect(paper.getCell(headRow + 1, col("单元格")).value).toBe(`${ws.name}!${f.cell}`);
  expect(paper.getCell(headRow + 1, col("规则编号")).value).toBe(f.rule);
  // The link is an internal hyperlink (a location in this workbook), which exceljs does not read; SheetJS does.
  const XLSX = await import("@e965/xlsx");
  const linked = XLSX.read(fs.readFileSync(out), { type: "buffer" }).Sheets["复核结果"][`C${headRow + 1}`];
  expect(linked.l).toMatchObject({ Target: `#'${ws.name}'!${f.cell}` });
});

test("--export again on an annotated copy updates its 复核结果 in place: 复核状态, 审计说明 and the header kept, gone findings marked", async () => {
  const input = path.join(FIXTURES, "self-evaluation-001.xlsx");
  const first = path.join(tmp, "paper-1.xlsx");
  expect((await run([input, "--out", first, "--export"])).code).toBe(0); // 001 has no arithmetic error
  // The auditor fills in the paper, and edits the tables so that one finding goes away.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(first);
  const paper = wb.getWorksheet("复核结果")!;
  const titles = (paper.getRow(12).values as unknown[]).slice(1);
  const col = (t: string) => titles.indexOf(t) + 1;
  paper.getCell(13, col("复核状态")).value = "已核实";
  paper.getCell(13, col("审计说明")).value = "与单位核对一致";
  paper.getCell(14, col("复核状态")).value = "误报";
  paper.getCell(8, 2).value = "张三";
  paper.getCell(10, 2).value = "A-03-01";
  const keyOf = (r: number) => String(paper.getCell(r, col("匹配键")).value);
  const kept = keyOf(13);
  const goneKey = keyOf(14);
  const gone = String(paper.getCell(14, col("单元格")).value).split("!");
  // The second finding's table is changed so that its finding disappears: clear the stated figure.
  wb.getWorksheet(gone[0])!.getCell(gone[1]).value = null;
  const edited = path.join(tmp, "paper-1-edited.xlsx");
  await wb.xlsx.writeFile(edited);

  const second = path.join(tmp, "paper-2.xlsx");
  const r = await run([edited, "--out", second, "--export"]);
  expect(r.out).toMatch(/工作底稿「复核结果」\d+ 行（已更新原底稿，保留复核状态与审计说明）/);
  const again = new ExcelJS.Workbook();
  await again.xlsx.readFile(second);
  expect(again.worksheets.map((w) => w.name).filter((n) => n.startsWith("复核结果"))).toEqual(["复核结果"]);
  const p2 = again.getWorksheet("复核结果")!;
  const rows = new Map<string, number>();
  for (let i = 13; i <= p2.rowCount; i++) rows.set(String(p2.getCell(i, col("匹配键")).value), i);
  expect(p2.getCell(rows.get(kept)!, col("复核状态")).value).toBe("已核实");
  expect(p2.getCell(rows.get(kept)!, col("审计说明")).value).toBe("与单位核对一致");
  const goneRow = rows.get(goneKey);
  if (goneRow !== undefined && p2.getCell(goneRow, col("单元格")).value === `${gone[0]}!${gone[1]}`) {
    // Still found (another finding at a cleared cell can remain): its status is kept.
    expect(String(p2.getCell(goneRow, col("复核状态")).value)).toMatch(/误报/);
  }
  expect(p2.getCell(8, 2).value).toBe("张三");
  expect(p2.getCell(10, 2).value).toBe("A-03-01");
  // The paper is not validated as input: the report lists the tables' sheet only.
  expect(r.out).not.toMatch(/工作表 复核结果/);
});

test("--insert-columns without --out is refused with a message", async () => {
  const r = await run([path.join(FIXTURES, "self-evaluation-000.xlsx"), "--insert-columns"]);
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/请加 --out/);
});

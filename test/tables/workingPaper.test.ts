/**
 * The shared working paper: figures become numbers with their formats, every finding gets its row
 * label and a stable key, and exporting again keeps what the auditor typed (on the real seed 000).
 */
import * as path from "path";
import { NATIONAL } from "../../src/rules/profiles";
import { validateGrid } from "../../src/tables/validate";
import {
  buildWorkingPaper,
  GONE_STATUS,
  headerRowOf,
  mergeWorkingPaper,
  ownWorkingPaper,
  paperGrid,
  paperNumber,
  readWorkingPaper,
  WORKING_PAPER_TITLE,
} from "../../src/tables/workingPaper";
import { FIXTURES, loadGrid } from "../helpers";

test.each([
  ["9.93", 9.93, "0.00"],
  ["111%", 1.11, "0%"],
  ["95.50%", 0.955, "0.00%"],
  ["81.99分", 81.99, "0.00"],
  ["1,286.27", 1286.27, "#,##0.00"],
  ["−1.12", -1.12, "0.00"],
  ["=0项", null, ""],
  ["≥95%", null, ""],
  ["截至2024年12月31日", null, ""],
  ["", null, ""],
])("paperNumber(%j) is %j with format %j", (text, value, format) => {
  const n = paperNumber(text);
  if (value === null) expect(n).toBeNull();
  else {
    expect(n!.value.toNumber()).toBe(value);
    expect(n!.numberFormat).toBe(format);
  }
});

describe("on seed 000 (48 tables of 昌吉职业技术学院)", () => {
  let result: ReturnType<typeof validateGrid>;
  const time = new Date(2026, 11, 1, 9, 5);
  const ctx = { file: "000.xlsx", sheets: ["绩效自评表"], tool: "disclosure-check 测试", profile: "national", time };
  beforeAll(async () => {
    result = validateGrid(await loadGrid(path.join(FIXTURES, "self-evaluation-000.xlsx")), NATIONAL);
  });

  test("one row per finding: row label, Chinese category, numbers, the difference, a unique key", () => {
    const paper = buildWorkingPaper([{ sheet: "绩效自评表", result }], ctx);
    expect(paper.rows).toHaveLength(result.findings.length);
    expect(paper.header.find((h) => h.label === "被审计单位")!.value).toBe("昌吉职业技术学院");
    expect(paper.header.find((h) => h.label === "复核时间")!.value).toBe("2026-12-01 09:05");
    expect(new Set(paper.rows.map((r) => r.key)).size).toBe(paper.rows.length);
    const i = result.findings.findIndex((f) => f.stated === "9.82" && f.expected === "9.93");
    const row = paper.rows[i];
    expect(row.cells.stated).toEqual({ v: 9.82, numberFormat: "0.00" });
    expect(row.cells.expected).toEqual({ v: 9.93, numberFormat: "0.00" });
    expect(row.cells.difference.v).toBeCloseTo(0.11, 10);
    expect(row.cells.label.v).toBe("年度资金总额"); // the 预算执行得分 stands on the fund block's total row
    expect(row.cells.status.v).toBe("未复核");
    // An indicator finding is labelled with its 三级指标.
    const score = result.findings.findIndex((f) => f.rule === "indicator.score");
    const indicator = result.recognised[result.findings[score].table].indicators.find(
      (x) => x.row === result.findings[score].row,
    )!;
    expect(paper.rows[score].cells.label.v).toBe(indicator.name);
  });

  test("the grid reads back as a paper; exporting again keeps 复核状态, 审计说明 and the header, marks gone findings", () => {
    const paper = buildWorkingPaper([{ sheet: "绩效自评表", result }], ctx);
    const { values } = paperGrid(paper);
    expect(values[0][0]).toBe(WORKING_PAPER_TITLE);
    const h = headerRowOf(paper);
    const statusCol = paper.columns.findIndex((c) => c.key === "status");
    const noteCol = paper.columns.findIndex((c) => c.key === "note");
    // The finding that will go away: one whose key is its own (no other finding of its row and rule).
    const k = paper.rows.findIndex((r, i) => i > 0 && !/[@#]/.test(r.key));
    values[h + 1][statusCol] = "已核实";
    values[h + 1][noteCol] = "已与单位核对";
    values[h + 1 + k][statusCol] = "误报";
    values[7][1] = "张三"; // 编制人
    values[7][4] = "2026-12-02"; // 日期
    const existing = ownWorkingPaper("复核结果", values)!;
    expect(existing.rows).toHaveLength(paper.rows.length);

    // The second finding went away (fixed in the table); a new one is not there yet.
    const fresh = buildWorkingPaper(
      [{ sheet: "绩效自评表", result: { ...result, findings: result.findings.filter((_, i) => i !== k) } }],
      ctx,
    );
    const merged = mergeWorkingPaper(fresh, existing);
    expect(merged.rows).toHaveLength(paper.rows.length);
    expect(merged.rows[0].cells.status.v).toBe("已核实");
    expect(merged.rows[0].cells.note.v).toBe("已与单位核对");
    const gone = merged.rows[merged.rows.length - 1];
    expect(gone.key).toBe(paper.rows[k].key);
    expect(gone.cells.status.v).toBe(`${GONE_STATUS}（原：误报）`);
    expect(gone.cells.stated.v).toBe(paper.rows[k].cells.stated.v);
    expect(merged.rows.map((r) => r.cells.no.v)).toEqual(merged.rows.map((_, k) => k + 1));
    expect(merged.header.find((x) => x.label === "编制人")).toMatchObject({ value: "张三", value2: "2026-12-02" });
    // Not typed fields follow the run: the time is the new one.
    const later = mergeWorkingPaper(
      buildWorkingPaper([{ sheet: "绩效自评表", result }], { ...ctx, time: new Date(2026, 11, 3, 10, 0) }),
      existing,
    );
    expect(later.header.find((x) => x.label === "复核时间")!.value).toBe("2026-12-03 10:00");
    // Exporting a third time does not stack 已不存在 notes.
    const third = mergeWorkingPaper(fresh, readWorkingPaper(paperGrid(merged).values)!);
    expect(third.rows[third.rows.length - 1].cells.status.v).toBe(`${GONE_STATUS}（原：误报）`);
  });

  test("two findings of one row and rule are told apart by their cell; when one goes, the other keeps its status", () => {
    const paper = buildWorkingPaper([{ sheet: "绩效自评表", result }], ctx);
    const pair = paper.rows.filter((r) => r.key.includes("@"));
    expect(pair.length).toBeGreaterThanOrEqual(2);
    const first = pair[0];
    const base = first.key.replace(/@.*$/, "");
    const siblings = paper.rows.filter((r) => r.key.startsWith(base + "@"));
    if (siblings.length !== 2) return; // the case below needs exactly a pair
    const { values } = paperGrid(paper);
    const h = headerRowOf(paper);
    const statusCol = paper.columns.findIndex((c) => c.key === "status");
    const keep = paper.rows.indexOf(siblings[0]);
    const drop = paper.rows.indexOf(siblings[1]);
    values[h + 1 + keep][statusCol] = "需整改";
    const fresh = buildWorkingPaper(
      [{ sheet: "绩效自评表", result: { ...result, findings: result.findings.filter((_, i) => i !== drop) } }],
      ctx,
    );
    const merged = mergeWorkingPaper(fresh, readWorkingPaper(values)!);
    const kept = merged.rows.find((r) => r.key === base)!;
    expect(kept.cells.status.v).toBe("需整改");
    expect(merged.rows.find((r) => r.key === siblings[1].key)!.cells.status.v).toBe(GONE_STATUS);
  });

  test("a sheet that is not the tool's paper is not taken for one", () => {
    expect(ownWorkingPaper("复核结果", [["序号", "单元格", "审计说明"]])).toBeNull();
    expect(ownWorkingPaper("绩效自评表", [["序号", "匹配键"]])).toBeNull();
    expect(ownWorkingPaper("我的底稿", [[WORKING_PAPER_TITLE]])).toEqual({ header: {}, header2: {}, rows: [] });
  });
});

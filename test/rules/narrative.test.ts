/**
 * 公开说明 claims (rules-reference §5) on the seeds' real text: the 第二部分 of 000–002 as pasted into the
 * rebuilt workbooks' 公开说明 sheet, and 004's PDF-flattened text (test/fixtures/narrative-004.txt).
 */
import * as fs from "fs";
import * as path from "path";
import { checkNarrative, splitParagraphs, type NarrativeParagraph } from "../../src/rules/narrative";
import { getProfile } from "../../src/rules/profiles";
import type { Grid } from "../../src/tables/grid";
import { validateSheets } from "../../src/tables/validate";
import { FIXTURES, loadSheets } from "../helpers";

const NATIONAL = getProfile("national");

function paragraphs(texts: string[]): NarrativeParagraph[] {
  return texts.map((t, i) => ({ text: t, cell: { row: i, col: 0, value: t, text: t, numberFormat: "General" } }));
}

async function narrativeOf(doc: string, edit?: (text: string) => string, tables = true) {
  const sheets = await loadSheets(`final-accounts-${doc}.xlsx`);
  const text = sheets.find((s) => s.name === "公开说明")!;
  if (edit) {
    text.grid.cells = text.grid.cells.map((r) =>
      r.map((c) => (typeof c.value === "string" ? { ...c, value: edit(c.value), text: edit(c.value) } : c)),
    );
  }
  const v = validateSheets(tables ? sheets : [text], NATIONAL);
  const r = v.sheets.find((s) => s.name === "公开说明")!.result;
  return { table: r.tables[0], findings: r.findings };
}

describe("claims found in the seeds' text", () => {
  it.each([
    // doc, share, change, sum, budget-variance, table-tie
    ["000", 21, 21, 11, 8, 71],
    ["001", 21, 16, 9, 7, 62],
    ["002", 22, 21, 9, 7, 68],
  ])("%s: share %i, change %i, sum %i, budget-variance %i, table-tie %i, none disagreeing", async (doc, share, change, sum, bv, tie) => {
    const { table, findings } = await narrativeOf(doc);
    const c = table.claims!;
    expect([c.share.found, c.change.found, c.sum.found, c["budget-variance"].found, c["table-tie"].found]).toEqual([
      share,
      change,
      sum,
      bv,
      tie,
    ]);
    expect(Object.values(c).every((k) => k.disagree === 0)).toBe(true);
    expect(findings.filter((f) => f.severity !== "info")).toEqual([]);
  });

  it("002's own 舍位: 收入总计 4,295.11 = 4,212.58 + 0.00 + 82.54 (4,295.12) is info", async () => {
    const { findings } = await narrativeOf("002");
    expect(findings.map((f) => `${f.rule} ${f.severity} ${f.expected}`)).toEqual([
      "narrative.sum info 4,295.12",
      "narrative.sum info 3,531.72",
    ]);
  });

  it("基本支出 = 人员经费 + 公用经费 across two paragraphs of 六、: 000 and 001 off by 舍位 (info), 002 exact", async () => {
    // 000: 11,153.77 + 1,896.19 = 13,049.96, written 13,049.95; 001: 1,082.40 + 114.59 = 1,196.99, written 1,196.98.
    const basic = async (doc: string) =>
      (await narrativeOf(doc)).findings
        .filter((f) => f.rule === "narrative.sum" && f.message.includes("人员经费与公用经费"))
        .map((f) => `${f.severity} ${f.expected} ${f.stated}`);
    expect(await basic("000")).toEqual(["info 13,049.96 2024年度一般公共预算财政拨款基本支出13,049.95万元"]);
    expect(await basic("001")).toEqual(["info 1,196.99 2024年度一般公共预算财政拨款基本支出1,196.98万元"]);
    expect(await basic("002")).toEqual([]);
  });

  it("004 (PDF text, numbers split by spaces and line breaks): share 19, change 25, sum 9, budget-variance 7", () => {
    const text = fs.readFileSync(path.join(FIXTURES, "narrative-004.txt"), "utf8");
    const r = checkNarrative(paragraphs(splitParagraphs(text)), [], "national", 0);
    const c = r.counts;
    expect([c.share.found, c.change.found, c.sum.found, c["budget-variance"].found]).toEqual([19, 25, 9, 7]);
    expect(r.findings).toEqual([]);
  });
});

describe("hand edits of the text are caught, quoting the claim and the recomputation", () => {
  it("a change rate: 中等职业教育 下降7.61% → 下降7.81%", async () => {
    const { findings } = await narrativeOf("000", (t) => t.replace("下降7.61%", "下降7.81%"));
    const f = findings.find((x) => x.rule === "narrative.change")!;
    expect(f.severity).toBe("error");
    expect(f.expected).toBe("7.61%");
    expect(f.message).toContain("= 189.52万元 / 上年 2,489.32");
  });

  it("a share: 事业收入 占18.77% → 占19.77%", async () => {
    const { findings } = await narrativeOf("000", (t) => t.replace("占18.77%", "占19.77%"));
    const f = findings.find((x) => x.rule === "narrative.share")!;
    expect(f.expected).toBe("18.77%");
    expect(f.formula).toBe("4,929.13万元 / 26,256.62万元");
  });

  it("a share of a named total: 占本年支出合计的75.65% → 76.65%", async () => {
    const { findings } = await narrativeOf("000", (t) => t.replace("75.65%", "76.65%"));
    expect(findings.find((x) => x.rule === "narrative.share")?.formula).toBe("20,307.48万元 / 26,843.22万元");
  });

  it("a sum: 政府采购货物支出 2,314.39 → 2,324.39 breaks 政府采购支出总额 4,280.71", async () => {
    const { findings } = await narrativeOf("000", (t) => t.replace("货物支出2,314.39", "货物支出2,324.39"), false);
    const f = findings.find((x) => x.rule === "narrative.sum" && x.severity === "error")!;
    expect(f.expected).toBe("4,290.71");
    expect(f.severity).toBe("error");
  });

  it("a budget variance: 001 三公 -5.94% → -6.94%", async () => {
    const { findings } = await narrativeOf("001", (t) => t.replace("差异率-5.94%", "差异率-6.94%"));
    expect(findings.find((x) => x.rule === "narrative.budget-variance")?.expected).toBe("-5.94%");
  });

  it("a figure against its table: 本年收入 26,256.62 → 26,265.62 disagrees with 01 本年收入合计", async () => {
    const { findings } = await narrativeOf("000", (t) => t.replace("本年收入26,256.62", "本年收入26,265.62"));
    const tie = findings.filter((x) => x.rule === "narrative.table-tie");
    expect(tie).toHaveLength(1);
    expect(tie[0].related).toEqual(["公开01表 收入支出决算总表!C33"]);
    // …and the text's own sum breaks too.
    expect(findings.some((x) => x.rule === "narrative.sum" && x.severity === "error")).toBe(true);
  });

  it("a rise from a zero prior year written 100.00% is the convention, any other rate a warning", () => {
    const ok = checkNarrative(paragraphs(["三公经费支出0.40万元，比上年增加0.40万元，增长100.00%。"]), [], "n", 0);
    expect(ok.findings).toEqual([]);
    expect(ok.counts.change.found).toBe(1);
    const odd = checkNarrative(paragraphs(["三公经费支出0.40万元，比上年增加0.40万元，增长50.00%。"]), [], "n", 0);
    expect(odd.findings[0].finding.severity).toBe("warning");
  });

  it("a hand-edited 公用经费 breaks the identity two paragraphs away: an error quoting 基本支出", () => {
    const r = checkNarrative(
      paragraphs([
        "六、一般公共预算财政拨款基本支出决算情况说明",
        "2024年度一般公共预算财政拨款基本支出1,361.00万元，其中：人员经费1,215.39万元，包括：基本工资。",
        "公用经费155.61万元，包括：办公费、印刷费。",
      ]),
      [],
      "n",
      0,
    );
    expect(r.findings.map((f) => [f.paragraph, f.finding.severity, f.finding.expected])).toEqual([[1, "error", "1,371.00"]]);
    expect(r.findings[0].finding.formula).toBe("人员经费1,215.39 + 公用经费155.61");
  });

  it("counts add up too: a part larger than its total is an error; parts in parentheses are not parts", () => {
    const over = checkNarrative(paragraphs(["政府采购合同金额120.00万元，其中：授予中小企业合同金额130.00万元。"]), [], "n", 0);
    expect(over.findings.map((f) => f.finding.severity)).toEqual(["error"]);
    expect(over.findings[0].finding.message).toContain("大于总数");
    const cars = checkNarrative(
      paragraphs(["公务用车保有量12辆，其中：主要领导干部用车0辆、机要通信用车2辆、应急保障用车3辆、执法执勤用车6辆。"]),
      [],
      "n",
      0,
    );
    expect(cars.counts.sum.found).toBe(1);
    expect(cars.findings.map((f) => f.finding.expected)).toEqual(["11"]);
    const nested = checkNarrative(
      paragraphs(["接待批次15批次，其中：国内公务接待10批次（其中：外事接待2批次），国（境）外公务接待5批次。"]),
      [],
      "n",
      0,
    );
    expect(nested.counts.sum.found).toBe(1);
    expect(nested.findings).toEqual([]);
  });

  it("a 其中 list that opens a new sentence sums to the one amount of the sentence before", () => {
    const ok = checkNarrative(
      paragraphs(["2024年度收入总计4,295.11万元，与上年相比，增加1,627.70万元。其中：财政拨款收入4,212.57万元，其他收入82.54万元。"]),
      [],
      "n",
      0,
    );
    expect(ok.counts.sum.found).toBe(1);
    expect(ok.findings).toEqual([]);
    const bad = checkNarrative(
      paragraphs(["2024年度收入总计4,295.11万元。其中：财政拨款收入4,202.57万元，其他收入82.54万元。"]),
      [],
      "n",
      0,
    );
    expect(bad.findings.map((f) => [f.finding.severity, f.finding.expected])).toEqual([["error", "4,285.11"]]);
    // Two amounts before: which one the list belongs to is unclear, so no claim.
    const unclear = checkNarrative(
      paragraphs(["基本支出110.00万元，项目支出120.00万元。其中：人员经费60.00万元，公用经费50.00万元。"]),
      [],
      "n",
      0,
    );
    expect(unclear.counts.sum.found).toBe(0);
  });

  it("a change whose direction words disagree (增加 … 下降) is an error", () => {
    const r = checkNarrative(paragraphs(["支出决算数为332.26万元，比上年决算增加2.83万元，下降0.86%。"]), [], "n", 0);
    expect(r.findings[0].finding.message).toContain("增减方向不一致");
  });
});

it("a sheet of text alone (no tables) is still checked: the grid's paragraphs become a narrative", () => {
  const grid: Grid = {
    top: 0,
    left: 0,
    merges: [],
    cells: [["本年支出26,843.22万元，其中：基本支出18,298.61万元，占68.17%；项目支出8,544.61万元，占31.83%。"]].map((r) =>
      r.map((t) => ({ value: t, text: t, numberFormat: "General" })),
    ),
  };
  const v = validateSheets([{ name: "说明", grid }], NATIONAL);
  expect(v.sheets[0].result.status).toBe("ok");
  expect(v.sheets[0].result.tables[0].claims?.share.found).toBe(2);
  expect(v.sheets[0].result.tables[0].claims?.sum.found).toBe(1);
});

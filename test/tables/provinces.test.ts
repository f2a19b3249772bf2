/**
 * Real tables from other provinces (test/fixtures/provinces/tables, built into test/fixtures/provinces-*.xlsx):
 * each validates with exactly the errors and warnings its file records under `expected` (every real
 * inconsistency found, no false error), every recognised table checks something, and the families of the
 * layout issue each have a real example.
 */
import { readProvinceTables, provinceWorkbook, type ProvinceTable } from "../../scripts/build-provinces";
import { NATIONAL, strictProfile, type ScoringProfile } from "../../src/rules/profiles";
import { validateSheets } from "../../src/tables/validate";
import { loadSheets } from "../helpers";

interface Expected {
  tables: string[];
  errors: string[];
  warnings: string[];
  note?: string;
}

const TABLES = readProvinceTables().filter((t) => !t.unsupported) as Array<ProvinceTable & { expected: Expected }>;

describe.each(TABLES.map((t) => [`${t.id} (${t.province} ${t.unit} ${t.year})`, t] as const))("%s", (_, t) => {
  let result: Awaited<ReturnType<typeof check>>;
  async function check() {
    return validateSheets(await loadSheets(provinceWorkbook(t.id)), NATIONAL).sheets[0].result;
  }
  beforeAll(async () => {
    result = await check();
  });

  test("the tables are recognised as their kind", () => {
    expect(result.tables.map((x) => x.kind)).toEqual(t.expected.tables);
    const kind = t.kind === "special-fund" ? "project-self-evaluation" : t.kind;
    expect(result.tables[0].kind).toBe(kind);
    if (t.kind === "special-fund") expect(result.tables[0].layout).toBe("unscored");
  });

  test("every recognised table checks something, or says it could not", () => {
    for (const table of result.tables) {
      const said = result.findings.some((f) => f.table === table.index && f.rule === "table.not-checked");
      expect(table.checks > 0 || said).toBe(true);
      expect(table.coverage.checked).toBeLessThanOrEqual(table.coverage.present);
    }
  });

  test("exactly the recorded errors (every real inconsistency, no false error)", () => {
    const errors = result.findings.filter((f) => f.severity === "error").map((f) => `${f.cell} ${f.rule}`);
    expect(errors).toEqual(t.expected.errors);
  });

  test("exactly the recorded warnings", () => {
    const warnings = result.findings.filter((f) => f.severity === "warning").map((f) => `${f.cell} ${f.rule}`);
    expect(warnings).toEqual(t.expected.warnings);
  });

  test("each inconsistency found by hand is reported at its cell (or its root cause is, as the note says)", () => {
    const cells = new Set(result.findings.map((f) => f.cell));
    const missed = t.inconsistencies.filter((i) => !cells.has(i.cell)).map((i) => i.cell);
    if (missed.length > 0) expect(t.expected.note ?? "").not.toBe("");
  });
});

describe("the corpus", () => {
  test("at least 15 complete or partial real tables from at least 8 provinces", () => {
    expect(TABLES.length).toBeGreaterThanOrEqual(15);
    expect(new Set(TABLES.map((t) => t.province)).size).toBeGreaterThanOrEqual(8);
    for (const t of TABLES) expect(t.source.url ?? t.source.pageTitle).toBeTruthy();
  });

  test.each([
    "fund-no-initial",
    "fund-abx",
    "fund-total-adjusted",
    "fund-heading-variant",
    "budget-20",
    "weight-in-label",
    "goal-blocks",
    "level1-weights",
    "weight-before-target",
    "actual-header-variant",
    "split-target",
    "deviation-variant",
    "actual-with-operator",
    "template-rows",
    "total-variant",
    "no-score",
    "yuan",
    "unit-table",
    "three-public-title",
    "three-public-columns",
    "three-public-years-rows",
    "three-public-flat",
    "three-public-counts",
    "three-public-note",
    "three-public-change",
  ])("family %s has a real example", (family) => {
    expect(TABLES.filter((t) => t.families.includes(family) && !t.invented).map((t) => t.id)).not.toEqual([]);
  });
});

/** A real table's grid with some cells changed (hand edits, to show each check catches its kind). */
async function edited(id: string, edits: Record<string, string>, profile: ScoringProfile = NATIONAL) {
  const sheets = await loadSheets(provinceWorkbook(id));
  const grid = sheets[0].grid;
  for (const [a1, text] of Object.entries(edits)) {
    const m = /^([A-Z]+)(\d+)$/.exec(a1)!;
    const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    const row = Number(m[2]) - 1;
    grid.cells[row - grid.top][col - grid.left] = { value: text, text, numberFormat: "General" };
  }
  return validateSheets(sheets, profile).sheets[0].result;
}
const at = (r: { findings: Array<{ cell: string; rule: string; severity: string }> }, cell: string) =>
  r.findings.filter((f) => f.cell === cell).map((f) => `${f.severity} ${f.rule}`);

describe("hand edits of real tables are caught by the check of their kind", () => {
  test("折算得分 (inv-sc-zhongjiang-2022-converted): a 单项得分 of 90 against 折算得分 10 of weight 10", async () => {
    const r = await edited("inv-sc-zhongjiang-2022-converted", { H11: "90" });
    expect(at(r, "I11")).toContain("error indicator.converted-score");
  });
  test("the deviation field below a goal-block table (hub-tongcheng-tanghu): a missed target while it says 无", async () => {
    const r = await edited("hub-tongcheng-tanghu-2020-zhengti", { F8: "150起" });
    expect(at(r, "B15")).toEqual(["warning indicator.deviation-note"]);
  });
  test("a split target (sc-qingshen): a ≤ operator makes a bare-number actual over it a miss", async () => {
    // Strict: the table's only other rows give no evidence, so a rule that scores ≤ rows as positive
    // would explain the 60 as a rule difference; the national-strict profile shows the arithmetic.
    const r = await edited("sc-qingshen-fgj-2023-gongzi", { E15: "≤", H15: "120", J15: "60" }, strictProfile(NATIONAL));
    expect(at(r, "J15")).toContain("error indicator.score");
    expect(r.findings.find((f) => f.cell === "J15")?.expected).toBe("48.00"); // (2 − 120 / 100) × 60
  });
  test("a level-1 weight (ah-tianchang): 产出 (50分) over rows that add up to 40", async () => {
    const r = await edited("ah-tianchang-slj-2022-shuihan", { G13: "0", H13: "0" });
    expect(at(r, "B13")).toContain("error table.group-weight");
  });
  test("a per-row execution rate (sc-daying): 其中:财政资金 stated 90.00%", async () => {
    const r = await edited("sc-daying-sfj-2023-anke", { F9: "90.00%" });
    expect(at(r, "F9")).toEqual(["error fund.execution-rate"]);
  });
  test("a 三公 change rate (yn-changning): 公务接待费 +4 on 3 stated as 33%", async () => {
    const r = await edited("yn-changning-kasi-2024-ys", { E7: "33%" });
    expect(at(r, "E7")).toEqual(["error accounts.change"]);
  });
  test("三公 years as rows (inv-yn-changning-2024-transposed): the 增、减幅度 row against the two years' rows", async () => {
    const r = await edited("inv-yn-changning-2024-transposed", { D7: "33%", B6: "5" });
    expect(at(r, "D7")).toEqual(["error accounts.change"]);
    expect(at(r, "B6")).toEqual(["error accounts.change"]);
  });
  test("三公 items as columns (ah-shouxian-sfj): 小计 75 against 50 + 20", async () => {
    const r = await edited("ah-shouxian-sfj-2022-ys", { E5: "20" });
    expect(at(r, "C5")).toEqual(["error accounts.three-public"]);
  });
  test("the fund row label on the header row (inv-hb-huanggang-2020-labelrow): the block is read and its rate checked", async () => {
    const r = await edited("inv-hb-huanggang-2020-labelrow", { E9: "90%" });
    expect(at(r, "E9")).toEqual(["error fund.execution-rate"]);
    expect(r.recognised[0].fund?.total?.label).toBe("年度财政资金总额");
  });
});

/**
 * Real tables from other provinces (test/fixtures/provinces/tables, built into test/fixtures/provinces-*.xlsx):
 * each validates with exactly the errors and warnings its file records under `expected` (every real
 * inconsistency found, no false error), every recognised table checks something, and the families of the
 * layout issue each have a real example.
 */
import { readProvinceTables, provinceWorkbook, type ProvinceTable } from "../../scripts/build-provinces";
import { NATIONAL } from "../../src/rules/profiles";
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

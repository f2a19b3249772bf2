/**
 * The DC.* custom functions, called directly: raw cell contents in, the shared rules' figures out,
 * #VALUE! with a message for what cannot be read. Then the agreement test: on every indicator row and
 * fund block of the seed tables 000–003, the functions give what the validator gives.
 */
import {
  invalidValue,
  budgetScoreOf,
  checkOf,
  completionRateOf,
  executionRateOf,
  scoreOf,
} from "../../src/functions/functions";
import { percentText } from "../../src/rules/compare";
import { Decimal } from "../../src/rules/decimal";
import { parsePercent, parseScore } from "../../src/rules/parse";
import { NATIONAL, getProfile, profileFromId } from "../../src/rules/profiles";
import type { Finding, SelfEvaluationTable, StatedCell } from "../../src/rules/types";
import { formulaArgumentValue } from "../../src/tables/columns";
import { validateGrid, type ProfileSelection, type ValidationResult } from "../../src/tables/validate";
import { loadGrid } from "../helpers";

/** The #VALUE! message a call throws, or null when it returns. */
function valueError(f: () => unknown): string | null {
  try {
    f();
    return null;
  } catch (e) {
    expect((e as { code?: string }).code).toBe("#VALUE!");
    return (e as Error).message;
  }
}

describe("the functions on raw cell contents (seed rows)", () => {
  test("EXECUTIONRATE: 000 教育教学质量提升 694.90 / 700.00 = 99.27%", () => {
    expect(percentText(new Decimal(executionRateOf(700, 694.9)), 2)).toBe("99.27%");
    expect(executionRateOf("700.00万元", "694.90")).toBeCloseTo(0.992714, 6);
    expect(valueError(() => executionRateOf(0, 5))).toMatch(/全年预算数为 0/);
    expect(valueError(() => executionRateOf("", 5))).toMatch(/全年预算数为空/);
    expect(valueError(() => executionRateOf("#N/A", 5))).toMatch(/无法读取全年预算数「#N\/A」/);
  });

  test("BUDGETSCORE: national 10 × 99.27%; threshold-60-deviation scales above 60%", () => {
    expect(budgetScoreOf(10, 700, 694.9)).toBe(9.93);
    expect(budgetScoreOf(10, 700, 694.9, "national")).toBe(9.93);
    expect(budgetScoreOf(10, 100, 120, "national")).toBe(10);
    expect(budgetScoreOf(10, 100, 80, "threshold-60-deviation")).toBe(5);
    expect(valueError(() => budgetScoreOf(10, 100, 80, "provincial"))).toMatch(/未知的评分口径「provincial」/);
  });

  test("COMPLETIONRATE: figures, reverse ceilings, deadlines, qualitative words", () => {
    expect(completionRateOf(">=13套", "13套")).toBe(1);
    expect(completionRateOf("=624.9万元", "600万元")).toBeCloseTo(600 / 624.9, 12);
    expect(completionRateOf("≥95%", "98%")).toBeCloseTo(98 / 95, 12);
    expect(completionRateOf("2025年5月", "2025年4月")).toBe(1);
    expect(completionRateOf("2025年5月", "2025年7月")).toBe(0);
    expect(completionRateOf("达到预期", "达到预期")).toBe(1);
    expect(valueError(() => completionRateOf(">=13套", "13台"))).toMatch(/单位「套」与业绩值单位「台」不同/);
    expect(valueError(() => completionRateOf(">=13套", ""))).toMatch(/业绩值为空/);
    expect(valueError(() => completionRateOf(">=13套", "#DIV/0!"))).toMatch(/无法复核/);
  });

  test("SCORE: proportional below target, the 赋分规则 overrides, profiles, graded bands", () => {
    expect(scoreOf(10, ">=100", "90")).toBe(9);
    expect(scoreOf(10, ">=100", "90", "直接赋分")).toBe(0);
    expect(scoreOf(10, ">=100", "90", "", "threshold-60-deviation")).toBe(7.5);
    expect(scoreOf(10, ">=100", "120", "", "national+aboveTarget=deviation-penalty")).toBe(8);
    expect(scoreOf(10, "达到预期", "达到预期", "按评判等级赋分")).toBe("8.00–10.00");
    expect(scoreOf("10分", "≤5%", "4%")).toBe(10);
    expect(valueError(() => scoreOf("十", ">=100", "90"))).toMatch(/无法读取权重「十」/);
    expect(valueError(() => scoreOf(10, ">=100", "90", "", "national+belowTarget=nine"))).toMatch(/未知的评分口径/);
    expect(valueError(() => scoreOf(10, "好", "一般"))).toMatch(/无法复核/);
  });

  test("CHECK: stated − expected, percents as ratios, 0 inside a band", () => {
    expect(checkOf(9, 9.93)).toBeCloseTo(-0.93, 12);
    expect(checkOf("99.27%", 0.992714)).toBeCloseTo(-0.000014, 9);
    expect(checkOf(9, "8.00–10.00")).toBe(0);
    expect(checkOf(7.5, "8.00–10.00")).toBe(-0.5);
    expect(valueError(() => checkOf("", 9))).toMatch(/表列数为空/);
    expect(valueError(() => checkOf(9, "n/a"))).toMatch(/无法读取复核数/);
  });

  test("profileFromId reads preset ids and the derived ids inference gives", () => {
    expect(profileFromId("national")).toBe(NATIONAL);
    expect(profileFromId(" National ")).toBe(NATIONAL);
    expect(profileFromId("threshold-60-deviation")).toBe(getProfile("threshold-60-deviation"));
    expect(profileFromId("national+aboveTarget=deviation-penalty").aboveTarget).toEqual({ kind: "deviation-penalty" });
    expect(() => profileFromId("national+colour=red")).toThrow(/Unknown rule/);
  });
});

// ---------------------------------------------------------------------------------------------------
// Agreement with the validator on the seed tables.

/**
 * What an inserted formula passes a custom function for a cell: its value (null when empty), or the text
 * it shows when it is formatted as a percent or a date (the formula wraps it in TEXT(cell, format)).
 */
const raw = (c: StatedCell | undefined) => (c ? formulaArgumentValue(c) : null);
const at = (fs: Finding[], rule: string, c: StatedCell) => fs.find((f) => f.rule === rule && f.row === c.row && f.col === c.col);

interface Tally {
  rows: number;
  agree: number;
  disagreements: string[];
}

/** Compares the functions with the validator on one table; adds to the tallies. */
function compareTable(t: SelfEvaluationTable, profileId: string, findings: Finding[], tally: Record<string, Tally>): void {
  const record = (key: string, ok: boolean, what: string) => {
    tally[key].rows++;
    if (ok) tally[key].agree++;
    else tally[key].disagreements.push(`${t.title} ${what}`);
  };
  const call = <T>(f: () => T): T | null => {
    try {
      return f();
    } catch {
      return null;
    }
  };
  for (const row of t.indicators) {
    // A row whose actual the validator takes for the plan (its note says 未完成, 今年完成 …) is not
    // recomputed there; the functions see only target and actual, so there is nothing to agree on.
    if (row.actual && at(findings, "indicator.actual-suspect", row.actual)) continue;
    const stated = row.score ? parseScore(row.score) : null;
    if (row.score && stated?.kind === "number" && row.weight) {
      const v = call(() => scoreOf(raw(row.weight), raw(row.target), raw(row.actual), row.scoringRule ?? "", profileId));
      const f = at(findings, "indicator.score", row.score);
      const units = row.actual ? at(findings, "indicator.units", row.actual) : undefined;
      let ok: boolean;
      if (v === null) ok = (!f || f.expected === "") && (!!units || !!f || parseScore(row.weight).kind !== "number");
      else if (f && f.expected !== "") ok = (typeof v === "number" ? v.toFixed(2) : v) === f.expected;
      else if (f) ok = false; // the validator could not recompute, the function could
      else ok = Math.abs(checkOf(raw(row.score), v)) <= 0.01 + 1e-9;
      record("score", ok, `${row.name}: SCORE ${String(v)} vs ${f ? `${f.severity} ${f.expected}` : "no finding"}`);
    }
    const rate = row.completionRate ? parsePercent(row.completionRate) : null;
    if (t.hasCompletionRate && row.completionRate && rate?.kind === "percent") {
      const v = call(() => completionRateOf(raw(row.target), raw(row.actual)));
      const f = at(findings, "indicator.completion-rate", row.completionRate);
      const units = row.actual ? at(findings, "indicator.units", row.actual) : undefined;
      let ok: boolean;
      if (v === null) ok = !!units || (!!f && f.expected === "");
      else {
        const shown = percentText(new Decimal(v), rate.decimals);
        if (f && f.expected !== "") ok = shown === f.expected;
        else if (f) ok = false;
        else {
          const statedPct = percentText(rate.ratio, rate.decimals);
          // The validator also accepts 100% for a target exceeded (capped) or a reverse ceiling met.
          ok = shown === statedPct || statedPct === percentText(new Decimal(1), rate.decimals);
        }
      }
      record("rate", ok, `${row.name}: COMPLETIONRATE ${v} vs ${f ? `${f.severity} ${f.expected}` : "no finding"}`);
    }
  }
  const fund = t.fund;
  const total = fund?.total;
  if (fund?.rate && total?.budgetFull && total.executed && parsePercent(fund.rate).kind === "percent") {
    const stated = parsePercent(fund.rate);
    const v = call(() => executionRateOf(raw(total.budgetFull), raw(total.executed)));
    const f = at(findings, "fund.execution-rate", fund.rate);
    const dp = stated.kind === "percent" ? stated.decimals : 2;
    const ok =
      v === null
        ? !!f || !!at(findings, "cell.unreadable", total.budgetFull) || !!at(findings, "cell.unreadable", total.executed)
        : f && f.expected !== ""
          ? percentText(new Decimal(v), dp) === f.expected
          : !f && stated.kind === "percent" && percentText(new Decimal(v), dp) === percentText(stated.ratio, dp);
    record("fund", ok, `EXECUTIONRATE ${v} vs ${f ? f.expected : "no finding"}`);
  }
  if (fund?.score && fund.points && total?.budgetFull && total.executed && parseScore(fund.score).kind === "number") {
    const v = call(() => budgetScoreOf(raw(fund.points), raw(total.budgetFull), raw(total.executed), profileId));
    const f = at(findings, "fund.score", fund.score);
    const ok =
      v === null ? !f : f ? v.toFixed(2) === f.expected : Math.abs(checkOf(raw(fund.score), v)) <= 0.01 + 1e-9;
    record("fund", ok, `BUDGETSCORE ${v} vs ${f ? f.expected : "no finding"}`);
  }
}

const SEEDS = ["000", "001", "002", "003"];
const grids: Record<string, Awaited<ReturnType<typeof loadGrid>>> = {};
beforeAll(async () => {
  for (const id of SEEDS) grids[id] = await loadGrid(`self-evaluation-${id}.xlsx`);
});

describe.each<[string, ProfileSelection]>([
  ["national", NATIONAL],
  ["auto (each table under its inferred profile id)", "auto"],
])("agreement with the validator under %s", (_label, selection) => {
  test.each(SEEDS)("every indicator row and fund block of %s", (id) => {
    const result: ValidationResult = validateGrid(grids[id], selection);
    const tally: Record<string, Tally> = {
      score: { rows: 0, agree: 0, disagreements: [] },
      rate: { rows: 0, agree: 0, disagreements: [] },
      fund: { rows: 0, agree: 0, disagreements: [] },
    };
    result.recognised.forEach((t, i) => {
      const profileId = result.tables[i].judgedUnder;
      expect(profileFromId(profileId).id).toBe(profileId);
      compareTable(t, profileId, result.findings.filter((f) => f.table === i), tally);
    });
    // Printed for the closing note: rows compared per seed.
    console.log(
      `${id} ${_label}: SCORE ${tally.score.agree}/${tally.score.rows}, COMPLETIONRATE ${tally.rate.agree}/${tally.rate.rows}, fund ${tally.fund.agree}/${tally.fund.rows}`,
    );
    expect(tally.score.disagreements).toEqual([]);
    expect(tally.rate.disagreements).toEqual([]);
    expect(tally.fund.disagreements).toEqual([]);
    expect(tally.score.rows).toBeGreaterThan(0);
  });
});

describe("CustomFunctions.Error (messages in the cell) only where CustomFunctionsRuntime 1.2 exists", () => {
  class FakeError extends Error {
    constructor(
      readonly code: string,
      message?: string,
    ) {
      super(message);
    }
  }
  const g = globalThis as Record<string, unknown>;
  afterEach(() => {
    delete g.CustomFunctions;
    delete g.Office;
  });
  const host = (sets: string[]) => {
    g.CustomFunctions = { associate: () => undefined, Error: FakeError, ErrorCode: { invalidValue: "#VALUE!" } };
    g.Office = { context: { requirements: { isSetSupported: (n: string, v: string) => n === "CustomFunctionsRuntime" && sets.includes(v) } } };
  };
  test("runtime 1.2: the function throws CustomFunctions.Error with the message", () => {
    host(["1.1", "1.2"]);
    const e = invalidValue("权重为空。", "The weight is empty.");
    expect(e).toBeInstanceOf(FakeError);
    expect(e.message).toBe("权重为空。");
  });
  test("runtime 1.1 only: a plain error (Excel shows #VALUE!), never the 1.2 class", () => {
    host(["1.1"]);
    const e = invalidValue("权重为空。", "The weight is empty.");
    expect(e).not.toBeInstanceOf(FakeError);
    expect(e.message).toBe("权重为空。");
  });
});

/**
 * Hostile input (fast-check, at least 1,000 cases per parser): every parser, the custom functions, the
 * table finders and the whole pipeline take junk without an exception; every unreadable stated figure
 * written into a real seed table (001, 003, final-accounts 000) becomes a finding at its own address.
 */
import fc from "fast-check";
import { budgetScoreOf, checkOf, completionRateOf, executionRateOf, scoreOf } from "../../src/functions/functions";
import { checkNarrative, normalizeParagraph, splitParagraphs } from "../../src/rules/narrative";
import {
  classifyAchievement,
  normalizeText,
  normalizeUnit,
  parseAmount,
  parseDateText,
  parseMeasure,
  parsePercent,
  parseScore,
  readNumber,
  splitOperator,
  unitFactor,
} from "../../src/rules/parse";
import { NATIONAL } from "../../src/rules/profiles";
import type { StatedCell } from "../../src/rules/types";
import { accountsKindOfTitle, findAccountsTables, lineLabel } from "../../src/tables/accounts";
import { findTables } from "../../src/tables/find";
import type { Area, Grid, GridCell } from "../../src/tables/grid";
import { findNarrative } from "../../src/tables/narrative";
import { validateGrid, validateSheets } from "../../src/tables/validate";
import { loadGrid, loadSheets } from "../helpers";

const RUNS = { numRuns: 1000 };

const EXCEL_ERRORS = ["#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"];
const LABELS = ["一级指标", "二级指标", "三级指标", "年初预算数", "全年预算数", "全年执行数", "执行率", "得分", "分值", "总分",
  "年度资金总额", "项目名称", "合计", "总计", "收入决算表", "支出决算表", "科目编码", "科目名称", "本年支出合计", "公开03表", "金额单位：万元"];
const FULL_WIDTH = fc.string({ unit: fc.constantFrom(..."０１２３４５６７８９．％，－＋＞＜＝　万元次个") });

/** Junk as it reaches the parsers: random text, Excel errors, blanks, full-width, huge and odd numbers. */
const junkText = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary" }),
  FULL_WIDTH,
  fc.constantFrom(...EXCEL_ERRORS, "", " ", "\u3000", "\u00a0", "\t\n", "—", "/", "%%", "≥", "<=万元", "2024年13月40日", "1e400", "-0", ...LABELS),
  fc.double().map(String),
  fc.double({ min: -1e300, max: 1e300, noNaN: true }).map((n) => n.toLocaleString("en-US")),
  fc.bigInt().map(String),
);
const anyValue = fc.oneof(fc.constant(null), fc.double(), fc.integer(), fc.boolean(), junkText);
const FORMATS = ["General", "0.00", "0.00%", "0%", "#,##0.00", "yyyy/m/d", "yyyy\"年\"m\"月\"d\"日\"", "@", "", "0.00_);[Red](0.00)", "[$-804]General"];
const anyCell = fc.record({ value: anyValue, text: fc.oneof(junkText, fc.constant(undefined)), numberFormat: fc.constantFrom(...FORMATS, undefined) });
/** A cell as the grid holds it: Excel errors, serial dates, huge and negative numbers, junk text. */
const gridCell: fc.Arbitrary<GridCell> = fc.oneof(
  junkText.map((t) => ({ value: t === "" ? null : t, text: t, numberFormat: "General" })),
  fc.double().map((v) => ({ value: v, text: "", numberFormat: "0.00%" })),
  fc.double({ min: -1e15, max: 1e15, noNaN: true }).map((v) => ({ value: v, text: String(v), numberFormat: "#,##0.00" })),
  fc.integer({ min: -100, max: 2958465 }).map((v) => ({ value: v, text: "", numberFormat: "yyyy/m/d" })),
  fc.constantFrom(...EXCEL_ERRORS).map((e) => ({ value: e, text: e, numberFormat: "General" })),
);
const areaIn = (rows: number, cols: number): fc.Arbitrary<Area> =>
  fc.tuple(fc.nat(rows), fc.nat(cols), fc.nat(6), fc.nat(6)).map(([r, c, h, w]) => ({ top: r, left: c, bottom: r + h, right: c + w }));

const KINDS = new Set(["number", "percent", "empty", "unreadable", "quantity", "date", "qualitative"]);

describe("every parser takes any input without an exception (1,000 cases each)", () => {
  test.each([
    ["parseAmount", parseAmount],
    ["parseScore", parseScore],
    ["parsePercent", parsePercent],
    ["parseMeasure", (c: Parameters<typeof parseMeasure>[0]) => parseMeasure(c, 2024)],
    ["parseMeasure (no year)", (c: Parameters<typeof parseMeasure>[0]) => parseMeasure(c)],
  ])("%s returns a typed result, and 'unreadable' carries the text and a reason", (_n, parser) => {
    fc.assert(
      fc.property(anyCell, (cell) => {
        const r = (parser as (c: typeof cell) => { kind: string; reason?: string; text?: string })(cell);
        if (!KINDS.has(r.kind)) return false;
        return r.kind !== "unreadable" || (typeof r.reason === "string" && r.reason !== "" && typeof r.text === "string");
      }),
      RUNS,
    );
  });
  test("text helpers: normalizeText leaves no full-width digit, readNumber a finite number or null", () => {
    fc.assert(
      fc.property(junkText, (s) => {
        const n = normalizeText(s);
        if (/[０-９]/.test(n)) return false;
        const r = readNumber(n);
        return r === null || (r.value.isFinite() && r.decimals >= 0);
      }),
      RUNS,
    );
  });
  test("splitOperator, parseDateText, classifyAchievement, normalizeUnit, unitFactor", () => {
    fc.assert(
      fc.property(junkText, junkText, (a, b) => {
        const op = splitOperator(a);
        const d = parseDateText(a, 2024);
        const k = classifyAchievement(a, b);
        const f = unitFactor(normalizeUnit(a), normalizeUnit(b));
        return (
          typeof op.rest === "string" &&
          (d === null || d.date.start <= d.date.end) &&
          typeof k === "string" &&
          (f === null || f.isFinite())
        );
      }),
      RUNS,
    );
  });
  test("部门决算 labels: lineLabel and accountsKindOfTitle", () => {
    fc.assert(
      fc.property(junkText, (s) => {
        const l = lineLabel(s);
        const k = accountsKindOfTitle(s);
        return typeof l.label === "string" && (k === null || typeof k === "string");
      }),
      RUNS,
    );
  });
  test("公开说明 text: splitParagraphs, normalizeParagraph and the claim checker (no tables)", () => {
    const paragraph = fc.array(fc.oneof(junkText, fc.constantFrom("占比", "增长", "减少", "万元", "%", "合计", "其中：", "比上年", "决算数为", "。")), { maxLength: 12 }).map((p) => p.join(""));
    fc.assert(
      fc.property(fc.array(paragraph, { maxLength: 6 }), (ps) => {
        const text = ps.join("\n");
        const split = splitParagraphs(text);
        const cells = split.map((t, i) => ({ text: normalizeParagraph(t), cell: { row: i, col: 0, value: t, text: t, numberFormat: "General" } as StatedCell }));
        const r = checkNarrative(cells, [], "national", 0);
        return r.findings.every(({ paragraph, finding }) => paragraph >= 0 && paragraph < cells.length && typeof finding.message === "string");
      }),
      RUNS,
    );
  });
  test("custom functions DC.*: a number, a band, or the #VALUE! error — nothing else", () => {
    const isValueError = (e: unknown) => (e as { code?: string }).code === "#VALUE!";
    const call = (f: () => unknown) => {
      try {
        const v = f();
        return (typeof v === "number" && Number.isFinite(v)) || typeof v === "string";
      } catch (e) {
        return isValueError(e);
      }
    };
    fc.assert(
      fc.property(anyValue, anyValue, anyValue, (a, b, c) =>
        [
          () => executionRateOf(a, b),
          () => budgetScoreOf(a, b, c),
          () => completionRateOf(a, b),
          () => scoreOf(a, b, c, "按照完成比例赋分", "national"),
          () => scoreOf(a, b, c, junkText, c),
          () => checkOf(a, b),
        ].every(call),
      ),
      RUNS,
    );
  });
});

test("regression (found by the property above): a rate beyond a double is #VALUE!, never -Infinity", () => {
  expect(() => executionRateOf(5e-324, "-1")).toThrow(expect.objectContaining({ code: "#VALUE!" }));
  expect(() => completionRateOf("1e-320", "1e300")).toThrow(expect.objectContaining({ code: "#VALUE!" }));
});

describe("the table finders and the pipeline take any grid (1,000 cases each)", () => {
  const randomGrid = fc
    .tuple(
      fc.integer({ min: 0, max: 20 }),
      fc.integer({ min: 0, max: 10 }),
      fc.array(fc.array(fc.oneof(gridCell, fc.constantFrom(...LABELS).map((t) => ({ value: t, text: t, numberFormat: "General" }))), { maxLength: 12 }), { maxLength: 16 }),
      fc.array(areaIn(16, 12), { maxLength: 8 }),
    )
    .map(([top, left, cells, merges]): Grid => ({
      top,
      left,
      cells,
      merges: merges.map((m) => ({ top: m.top + top, left: m.left + left, bottom: m.bottom + top, right: m.right + left })),
    }));
  test("findTables, findAccountsTables, findNarrative", () => {
    fc.assert(
      fc.property(randomGrid, (grid) => {
        const t = findTables(grid);
        const a = findAccountsTables(grid);
        const n = findNarrative(grid, [...t.map((x) => x.range), ...a.map((x) => x.range)]);
        return Array.isArray(t) && Array.isArray(a) && Array.isArray(n);
      }),
      RUNS,
    );
  });
  test("validateGrid under national and auto: a status, and every finding's address inside the grid", () => {
    fc.assert(
      fc.property(randomGrid, fc.boolean(), (grid, auto) => {
        const r = validateGrid(grid, auto ? "auto" : NATIONAL);
        const rows = grid.cells.length;
        const cols = Math.max(0, ...grid.cells.map((x) => x.length));
        return (
          ["ok", "empty-sheet", "no-table"].includes(r.status) &&
          r.findings.every(
            (f) =>
              /^[A-Z]+\d+$/.test(f.cell) &&
              f.row >= grid.top &&
              f.row < grid.top + rows &&
              f.col >= grid.left &&
              f.col < grid.left + cols,
          )
        );
      }),
      RUNS,
    );
  });
});

/** Junk that every reader of stated figures finds unreadable (not blank, not a dash, not a number). */
const unreadable = fc
  .oneof(fc.constantFrom(...EXCEL_ERRORS, "约90", "九十", "12..5", "１２ａ", "N/A", "不适用x", "3-4", "待定"), fc.string({ minLength: 1, maxLength: 8 }))
  .filter((t) => {
    const c = { value: t, text: t, numberFormat: "General" };
    return parseAmount(c).kind === "unreadable" && parseScore(c).kind === "unreadable" && parsePercent(c).kind === "unreadable";
  });

function withCell(grid: Grid, row: number, col: number, text: string): Grid {
  const cells = grid.cells.map((r) => r.slice());
  cells[row - grid.top][col - grid.left] = { value: text, text, numberFormat: "General" };
  return { ...grid, cells };
}

describe("an unreadable stated figure in a real table becomes a finding at its address", () => {
  test.each(["self-evaluation-001.xlsx", "self-evaluation-003.xlsx"])("%s: fund block, indicator weights and scores, 总分", async (file) => {
    const grid = await loadGrid(file);
    const stated: StatedCell[] = [];
    for (const t of findTables(grid)) {
      const f = t.fund;
      for (const c of [f?.total?.budgetFull, f?.total?.executed, f?.points, f?.rate, f?.score, t.total?.score]) if (c) stated.push(c);
      for (const i of t.indicators) for (const c of [i.weight, i.score]) if (c) stated.push(c);
    }
    const readable = stated.filter((c) => parseAmount(c).kind === "number" || parsePercent(c).kind === "percent");
    expect(readable.length).toBeGreaterThan(100);
    fc.assert(
      fc.property(fc.constantFrom(...readable), unreadable, (cell, junk) => {
        const r = validateGrid(withCell(grid, cell.row, cell.col, junk), NATIONAL);
        return r.findings.some((f) => f.row === cell.row && f.col === cell.col);
      }),
      { numRuns: 300 },
    );
  });

  // Found by the property above and fixed: both cells were skipped without a word.
  test.each([
    ["F429", 428, 5, "the 总分 row of 计算机上岗培训考核费, whose figures sit off their columns"],
    ["G292", 291, 6, "an indicator 分值 of 青年教师助力培训 whose score row is not recomputed"],
  ])("regression: #N/A in 003 %s is a cell.unreadable warning", async (cell, row, col) => {
    const grid = await loadGrid("self-evaluation-003.xlsx");
    const r = validateGrid(withCell(grid, row as number, col as number, "#N/A"), NATIONAL);
    expect(r.findings.filter((f) => f.cell === cell).map((f) => [f.rule, f.severity])).toEqual([["cell.unreadable", "warning"]]);
  });

  test("final-accounts-000: every amount of the nine tables", async () => {
    const sheets = await loadSheets("final-accounts-000.xlsx");
    const amounts: Array<{ sheet: number; cell: StatedCell }> = [];
    sheets.forEach((s, i) => {
      for (const t of findAccountsTables(s.grid))
        for (const line of t.lines) for (const c of Object.values(line.amounts)) if (c && parseAmount(c).kind === "number") amounts.push({ sheet: i, cell: c });
    });
    expect(amounts.length).toBeGreaterThan(100);
    fc.assert(
      fc.property(fc.constantFrom(...amounts), unreadable, ({ sheet, cell }, junk) => {
        const input = sheets.map((s, i) => (i === sheet ? { ...s, grid: withCell(s.grid, cell.row, cell.col, junk) } : s));
        const r = validateSheets(input, NATIONAL).sheets[sheet].result;
        return r.findings.some((f) => f.row === cell.row && f.col === cell.col);
      }),
      { numRuns: 300 },
    );
  });

  test("junk written into a real seed table (001) never crashes; junk breaks at most the tables it touches", async () => {
    const base = await loadGrid("self-evaluation-001.xlsx");
    const rows = base.cells.length;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(rows - 1), fc.nat(13), gridCell), { minLength: 1, maxLength: 8 }), (edits) => {
        const grid: Grid = { ...base, cells: base.cells.map((r) => [...r]) };
        for (const [r, c, cell] of edits) grid.cells[r][c] = cell;
        return validateGrid(grid, NATIONAL).status === "ok" && findTables(grid).length >= 17 - edits.length;
      }),
      { numRuns: 300 },
    );
  });

  test("a header row with a missing column, and merged areas laid over the tables (001): no exception", async () => {
    const grid = await loadGrid("self-evaluation-001.xlsx");
    const headerCells: Array<[number, number]> = [];
    grid.cells.forEach((r, i) => r.forEach((c, j) => /^(一级指标|二级指标|三级指标|分值|得分|年初预算数|全年预算数|全年执行数|执行率|实际完成指标值|预期指标值)$/.test(c.text.trim()) && headerCells.push([i, j])));
    fc.assert(
      fc.property(fc.constantFrom(...headerCells), fc.array(areaIn(grid.cells.length - 1, 13), { maxLength: 4 }), ([r, c], merges) => {
        const cells = grid.cells.map((x) => x.slice());
        cells[r][c] = { value: null, text: "", numberFormat: "General" };
        const result = validateGrid({ ...grid, cells, merges: [...grid.merges, ...merges] }, NATIONAL);
        return result.status === "ok" && result.tables.length >= 17 - 1 - merges.length;
      }),
      { numRuns: 200 },
    );
  });
});

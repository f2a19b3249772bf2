/**
 * The working paper (审计工作底稿) 复核结果: one shared builder for the add-in's Export and the CLI's
 * --export, so that both write the same sheet.
 *
 * Layout (0-based rows):
 * - a header block: the title, 被审计单位, 源文件, 工作表, 复核工具, 评分口径, 复核时间, then 编制人 / 日期,
 *   复核人 / 日期 and 索引号 left empty for the auditor;
 * - a blank row, then the column header (PAPER_COLUMNS), then one row per finding: 序号, 表, 单元格 (a
 *   link), 指标或行, 规则, 类别, 严重程度, 表列, 应为, 差额 (numbers as numbers), 计算, 说明, 复核状态,
 *   审计说明, and for machines last: 规则编号, 评分口径编号, 匹配键.
 *
 * Exporting again updates the sheet: `mergeWorkingPaper` matches findings by a stable key (sheet, table
 * title, row label, rule), keeps what the auditor typed (复核状态, 审计说明 and the header block's fields),
 * keeps findings that went away marked 已不存在, and adds new ones.
 */
import Decimal from "decimal.js";
import { CATEGORY_NAMES } from "../rules/categories";
import { RULE_TITLES } from "../rules/checks";
import { profileNameZh } from "../rules/profiles";
import type { Finding, Severity } from "../rules/types";
import type { Grid } from "./grid";
import type { ValidationResult } from "./validate";

/** The sheet the working paper goes to. */
export const WORKING_PAPER_SHEET = "复核结果";

/** The title in the sheet's first cell, by which the add-in and the CLI know their own sheet. */
export const WORKING_PAPER_TITLE = "复核结果（审计工作底稿）";

/**
 * The tool's own working paper among a workbook's sheets, read back: a sheet whose first cell is the
 * paper's title, or one named 复核结果 (复核结果 (2) …) that holds a paper's column header. Such a sheet is
 * never validated as input, and exporting again updates it.
 * Input: a sheet's name and its values (row 0 = the sheet's first row). Output: the paper read, or null.
 */
export function ownWorkingPaper(name: string, values: ReadonlyArray<ReadonlyArray<unknown>>): ExistingPaper | null {
  const titled = values[0]?.[0] === WORKING_PAPER_TITLE;
  if (!titled && !/^复核结果( \(\d+\))?$/.test(name)) return null;
  return readWorkingPaper(values) ?? (titled ? { header: {}, header2: {}, rows: [] } : null);
}

/** A grid's values in sheet coordinates (row 0 = the sheet's first row), for `ownWorkingPaper`. */
export function gridValues(grid: Grid): unknown[][] {
  const out: unknown[][] = Array.from({ length: grid.top }, () => []);
  for (const row of grid.cells)
    out.push([...Array<unknown>(grid.left).fill(null), ...row.map((c) => c?.value ?? null)]);
  return out;
}

/** Review statuses (复核状态) an auditor gives a finding, in the order of the pane's menu. */
export const REVIEW_STATUSES = ["未复核", "已核实", "接受（口径合理）", "需整改", "误报"] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
/** The status of a finding that an earlier export listed and this validation no longer finds. */
export const GONE_STATUS = "已不存在";

export type PaperColumnKey =
  | "no"
  | "table"
  | "cell"
  | "label"
  | "rule"
  | "category"
  | "severity"
  | "stated"
  | "expected"
  | "difference"
  | "formula"
  | "message"
  | "status"
  | "note"
  | "ruleId"
  | "profileId"
  | "key";

export interface PaperColumn {
  key: PaperColumnKey;
  title: string;
  /** Width in characters. */
  width: number;
  /** The auditor types into it: kept when exporting again. */
  typed?: boolean;
  /** Long text: wrapped in its cells. */
  wrap?: boolean;
}

export const PAPER_COLUMNS: readonly PaperColumn[] = [
  { key: "no", title: "序号", width: 6 },
  { key: "table", title: "表", width: 26, wrap: true },
  { key: "cell", title: "单元格", width: 14 },
  { key: "label", title: "指标或行", width: 20, wrap: true },
  { key: "rule", title: "规则", width: 22, wrap: true },
  { key: "category", title: "类别", width: 10 },
  { key: "severity", title: "严重程度", width: 8 },
  { key: "stated", title: "表列", width: 12 },
  { key: "expected", title: "应为", width: 12 },
  { key: "difference", title: "差额", width: 11 },
  { key: "formula", title: "计算", width: 30, wrap: true },
  { key: "message", title: "说明", width: 60, wrap: true },
  { key: "status", title: "复核状态", width: 14, typed: true },
  { key: "note", title: "审计说明", width: 30, wrap: true, typed: true },
  { key: "ruleId", title: "规则编号", width: 22 },
  { key: "profileId", title: "评分口径编号", width: 18 },
  { key: "key", title: "匹配键", width: 30 },
];

/** One cell of the paper: text, a number with its format, or empty. */
export interface PaperCell {
  v: string | number | null;
  /** Excel number format of a number ("0.00", "0.00%", "#,##0.00"); text cells are "@". */
  numberFormat?: string;
}

export interface PaperRow {
  /** The stable key: sheet, table title, row label, rule (and #2, #3 … for repeats). */
  key: string;
  /** By column key. */
  cells: Record<PaperColumnKey, PaperCell>;
  /** Where the 单元格 link goes (absent for a finding that went away and whose cell is not known). */
  link?: { sheet: string; cell: string };
}

/** A header-block line: a label and its value; `typed` lines are the auditor's to fill in and are kept. */
export interface PaperHeaderLine {
  label: string;
  value: string;
  typed?: boolean;
  /** A second label and value on the same line (日期 beside 编制人). */
  label2?: string;
  value2?: string;
}

export interface WorkingPaper {
  header: PaperHeaderLine[];
  columns: readonly PaperColumn[];
  rows: PaperRow[];
}

/** What the header block says about the run. */
export interface PaperContext {
  /** The source file's name (the workbook's name in Excel). */
  file: string;
  /** The sheets validated. */
  sheets: string[];
  /** "disclosure-check 0.1.0" or the add-in's name and version. */
  tool: string;
  /** The profile selection: "auto" or a profile id. */
  profile: string;
  /** When the validation ran. */
  time: Date;
}

const SEVERITY: Record<Severity, string> = { error: "错误", warning: "警告", info: "提示" };

/** A figure as written in a finding ("9.93", "111%", "81.99分", "1,286.27万元") as a number with its format; null when it is not one. */
export function paperNumber(text: string): { value: Decimal; percent: boolean; numberFormat: string } | null {
  const m = /^\s*=?\s*([+\-−]?)([\d,]*\.?\d+)\s*(%|分|万元|元)?\s*$/.exec(text);
  if (!m || !/^\d{1,3}(,\d{3})*(\.\d+)?$|^\d*\.?\d+$/.test(m[2])) return null;
  const digits = m[2].replace(/,/g, "");
  const decimals = (digits.split(".")[1] ?? "").length;
  const sign = m[1] === "-" || m[1] === "−" ? "-" : "";
  const value = new Decimal(sign + (digits.startsWith(".") ? "0" + digits : digits));
  const fixed = decimals > 0 ? "0." + "0".repeat(decimals) : "0";
  if (m[3] === "%") return { value: value.div(100), percent: true, numberFormat: `${fixed}%` };
  return { value, percent: false, numberFormat: m[2].includes(",") ? `#,##${fixed}` : fixed };
}

function numberCell(text: string): PaperCell {
  const n = paperNumber(text);
  return n ? { v: n.value.toNumber(), numberFormat: n.numberFormat } : { v: text || null, numberFormat: "@" };
}

/**
 * The row label of a finding: the indicator's name (三级指标), the fund line, 总分, or the 部门决算 line;
 * "公开说明" for a claim of the text. Found by the finding's position (so it holds for a result that
 * merges several sheets, whose table indexes are offset). "" when the row has no label.
 */
export function findingLabel(result: ValidationResult, f: Finding): string {
  const inside = (r: { top: number; left: number; bottom: number; right: number }, sheet?: string) =>
    (!sheet || !f.sheet || sheet === f.sheet) &&
    f.row >= r.top &&
    f.row <= r.bottom &&
    f.col >= r.left &&
    f.col <= r.right;
  const report = result.tables.find((x) => x.index === f.table);
  if (report?.kind === "narrative") return "公开说明";
  const self = result.recognised.find((t) => inside(t.range, t.sheet) && (!report || report.kind === t.kind));
  if (self) {
    const indicator = self.indicators.find((i) => i.row === f.row);
    if (indicator) return indicator.name;
    const fund = self.fund?.rows.find((r) => r.row === f.row);
    if (fund) return fund.label;
    if (self.total?.row === f.row) return "总分";
    return "";
  }
  const accounts = result.accounts.find((t) => inside(t.range, t.sheet));
  return accounts?.lines.find((l) => l.row === f.row)?.label ?? "";
}

const text = (v: string): PaperCell => ({ v: v === "" ? null : v, numberFormat: "@" });

/**
 * Every finding of the results with its stable key: sheet, table title, row label, rule; findings that
 * share that are told apart by their cell (`@H10`), and findings sharing that too by their order (`#2`).
 * The working paper and the review statuses (复核状态) use the same keys.
 * Inputs: per sheet validated, its name and result. Output: one entry per finding, in order.
 */
export function keyedFindings(results: Array<{ sheet: string; result: ValidationResult }>) {
  const entries = results.flatMap(({ sheet: defaultSheet, result }) =>
    result.findings.map((f) => {
      const sheet = f.sheet ?? defaultSheet;
      const table = result.tables.find((x) => x.index === f.table);
      const label = findingLabel(result, f);
      return { f, sheet, table, label, base: [sheet, table?.title ?? "", label, f.rule].join("|"), key: "" };
    }),
  );
  const perBase = new Map<string, number>();
  for (const e of entries) perBase.set(e.base, (perBase.get(e.base) ?? 0) + 1);
  const seen = new Map<string, number>();
  for (const e of entries) {
    const cellKey = (perBase.get(e.base) ?? 0) > 1 ? `${e.base}@${e.f.cell}` : e.base;
    const n = (seen.get(cellKey) ?? 0) + 1;
    seen.set(cellKey, n);
    e.key = n > 1 ? `${cellKey}#${n}` : cellKey;
  }
  return entries;
}

/**
 * Builds the working paper of a validation.
 * Inputs: per sheet validated, its name and result (one entry for Validate sheet); what the header block
 * says (file, sheets, tool, profile, time). Output: the paper, rows in the results' order (sheet, table,
 * row, column). Never throws.
 */
export function buildWorkingPaper(
  results: Array<{ sheet: string; result: ValidationResult }>,
  ctx: PaperContext,
): WorkingPaper {
  const unit =
    results.flatMap(({ result }) => result.tables).find((t) => t.kind === "unit-self-evaluation" && t.title)?.title ??
    "";
  const pad = (n: number) => String(n).padStart(2, "0");
  const t = ctx.time;
  const header: PaperHeaderLine[] = [
    { label: "被审计单位", value: unit, typed: unit === "" },
    { label: "源文件", value: ctx.file },
    { label: "工作表", value: ctx.sheets.join("、") },
    { label: "复核工具", value: ctx.tool },
    { label: "评分口径", value: profileNameZh(ctx.profile) },
    {
      label: "复核时间",
      value: `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())} ${pad(t.getHours())}:${pad(t.getMinutes())}`,
    },
    { label: "编制人", value: "", typed: true, label2: "日期", value2: "" },
    { label: "复核人", value: "", typed: true, label2: "日期", value2: "" },
    { label: "索引号", value: "", typed: true },
  ];
  const rows: PaperRow[] = [];
  const entries = keyedFindings(results);
  for (const { f, sheet, table, label, key } of entries) {
    const title = table ? `${table.index + 1} ${table.title || "（无名称）"}` : "";
    const stated = paperNumber(f.stated);
    const expected = paperNumber(f.expected);
    const difference =
      stated && expected && stated.percent === expected.percent
        ? {
            v: expected.value.minus(stated.value).toNumber(),
            numberFormat: expected.numberFormat.replace(/^#,##/, ""),
          }
        : { v: null };
    rows.push({
      key,
      link: { sheet, cell: f.cell },
      cells: {
        no: { v: rows.length + 1, numberFormat: "0" },
        table: text(title),
        cell: text(`${sheet}!${f.cell}`),
        label: text(label),
        rule: text(RULE_TITLES[f.rule].zh),
        category: text(CATEGORY_NAMES[f.category].zh),
        severity: text(SEVERITY[f.severity]),
        stated: numberCell(f.stated),
        expected: numberCell(f.expected),
        difference,
        formula: text(f.formula),
        message: text(f.message),
        status: text("未复核"),
        note: text(""),
        ruleId: text(f.rule),
        profileId: text(f.profile),
        key: text(key),
      },
    });
  }
  return { header, columns: PAPER_COLUMNS, rows };
}

/** Rows of the header block, then a blank row, then the column header: the 0-based row of the column header. */
export const headerRowOf = (paper: WorkingPaper): number => 1 + paper.header.length + 1;

/**
 * The paper as a grid of values and number formats, as both writers put it on a sheet: row 0 the title,
 * the header block, a blank row, the column header, the rows. Output: values (string, number or null)
 * and number formats, both `rows × PAPER_COLUMNS.length`.
 */
export function paperGrid(paper: WorkingPaper): { values: Array<Array<string | number | null>>; formats: string[][] } {
  const width = paper.columns.length;
  const blank = () => Array<string | number | null>(width).fill(null);
  const values: Array<Array<string | number | null>> = [];
  const formats: string[][] = [];
  const push = (row: Array<string | number | null>, fmt: string[] = Array(width).fill("@")) => {
    values.push(row);
    formats.push(fmt);
  };
  const title = blank();
  title[0] = WORKING_PAPER_TITLE;
  push(title);
  for (const h of paper.header) {
    const row = blank();
    row[0] = h.label;
    row[1] = h.value || null;
    if (h.label2 !== undefined) {
      row[3] = h.label2;
      row[4] = h.value2 || null;
    }
    push(row);
  }
  push(blank());
  push(paper.columns.map((c) => c.title));
  for (const r of paper.rows) {
    push(
      paper.columns.map((c) => r.cells[c.key].v),
      paper.columns.map((c) => r.cells[c.key].numberFormat ?? (typeof r.cells[c.key].v === "number" ? "General" : "@")),
    );
  }
  return { values, formats };
}

/** A working paper read back from a sheet: the typed header fields and each row's cells by column key. */
export interface ExistingPaper {
  header: Record<string, string>;
  /** header2: the second value of a line (日期 beside 编制人 / 复核人), by the line's first label. */
  header2: Record<string, string>;
  rows: Array<{ key: string; cells: Partial<Record<PaperColumnKey, string | number | null>> }>;
}

/**
 * Reads a working paper back from a sheet's values (row 0 = the sheet's first row, column 0 = A).
 * Output: null when the values are not a working paper (no 序号 … 匹配键 header row).
 */
export function readWorkingPaper(values: ReadonlyArray<ReadonlyArray<unknown>>): ExistingPaper | null {
  const str = (v: unknown) => (v === null || v === undefined ? "" : String(v));
  const headerAt = values.findIndex((row) => str(row[0]) === "序号" && row.some((v) => str(v) === "匹配键"));
  if (headerAt < 0) return null;
  const byTitle = new Map(values[headerAt].map((v, c) => [str(v), c]));
  const header: Record<string, string> = {};
  const header2: Record<string, string> = {};
  for (let r = 1; r < headerAt; r++) {
    const label = str(values[r]?.[0]);
    if (!label) continue;
    header[label] = str(values[r]?.[1]);
    if (str(values[r]?.[3])) header2[label] = str(values[r]?.[4]);
  }
  const rows: ExistingPaper["rows"] = [];
  const keyCol = byTitle.get("匹配键")!;
  for (let r = headerAt + 1; r < values.length; r++) {
    const key = str(values[r]?.[keyCol]);
    if (!key) continue;
    const cells: ExistingPaper["rows"][number]["cells"] = {};
    for (const c of PAPER_COLUMNS) {
      const at = byTitle.get(c.title);
      if (at === undefined) continue;
      const v = values[r]?.[at];
      cells[c.key] = v === undefined || v === "" ? null : (v as string | number | null);
    }
    rows.push({ key, cells });
  }
  return { header, header2, rows };
}

/**
 * Exporting again: the fresh paper with what the auditor typed in the existing one.
 * - a finding matched by its key keeps its 复核状态 and 审计说明;
 * - a finding of the existing paper that this validation no longer finds is kept, at the end, with
 *   复核状态 已不存在 (its earlier status in brackets) and its 审计说明;
 * - the header block's typed fields (被审计单位 when it was empty, 编制人, 复核人, their 日期, 索引号) are kept.
 * Inputs: the fresh paper; the existing one (null: none). Output: the merged paper, 序号 renumbered.
 */
export function mergeWorkingPaper(fresh: WorkingPaper, existing: ExistingPaper | null): WorkingPaper {
  if (!existing) return fresh;
  const header = fresh.header.map((h) => ({
    ...h,
    value: h.typed && existing.header[h.label] ? existing.header[h.label] : h.value,
    value2: h.label2 !== undefined && existing.header2[h.label] ? existing.header2[h.label] : h.value2,
  }));
  // Matched by key; a key that gained or lost its "@cell" (a second finding of the row appeared or went
  // away) is matched by the rest of it when that is unambiguous.
  const baseOf = (key: string) => key.replace(/(@[A-Z]+\d+)?(#\d+)?$/, "");
  const old = new Map(existing.rows.map((r) => [r.key, r]));
  const freshKeys = new Set(fresh.rows.map((r) => r.key));
  const unmatchedOld = existing.rows.filter((r) => !freshKeys.has(r.key));
  const byBase = new Map<string, Array<(typeof existing.rows)[number]>>();
  for (const r of unmatchedOld) byBase.set(baseOf(r.key), [...(byBase.get(baseOf(r.key)) ?? []), r]);
  const taken = new Set<string>();
  const unmatchedFresh = fresh.rows.filter((r) => !old.has(r.key));
  const freshPerBase = new Map<string, number>();
  for (const r of unmatchedFresh) freshPerBase.set(baseOf(r.key), (freshPerBase.get(baseOf(r.key)) ?? 0) + 1);
  const partner = (r: PaperRow) => {
    const exact = old.get(r.key);
    if (exact) return exact;
    const candidates = (byBase.get(baseOf(r.key)) ?? []).filter((c) => !taken.has(c.key));
    // The same cell first; else the only candidate, when this is the only new row of its kind.
    const sameCell = r.link
      ? candidates.find((c) => c.key.replace(/#\d+$/, "").endsWith(`@${r.link!.cell}`))
      : undefined;
    const pick =
      sameCell ?? (candidates.length === 1 && freshPerBase.get(baseOf(r.key)) === 1 ? candidates[0] : undefined);
    if (pick) taken.add(pick.key);
    return pick;
  };
  const rows: PaperRow[] = fresh.rows.map((r) => {
    const before = partner(r);
    if (!before) return r;
    const status = before.cells.status;
    return {
      ...r,
      cells: {
        ...r.cells,
        status: status && status !== GONE_STATUS ? text(String(status)) : r.cells.status,
        note: before.cells.note ? text(String(before.cells.note)) : r.cells.note,
      },
    };
  });
  for (const before of existing.rows) {
    if (freshKeys.has(before.key) || taken.has(before.key)) continue;
    const cells = Object.fromEntries(
      PAPER_COLUMNS.map((c) => {
        const v = before.cells[c.key] ?? null;
        return [c.key, typeof v === "number" ? { v } : text(v === null ? "" : String(v))];
      }),
    ) as Record<PaperColumnKey, PaperCell>;
    const was = before.cells.status ? String(before.cells.status) : "";
    // 已不存在, with the earlier decision when the auditor had made one.
    const decided = was !== "" && was !== "未复核" && !was.startsWith(GONE_STATUS);
    cells.status = text(decided ? `${GONE_STATUS}（原：${was}）` : was.startsWith(GONE_STATUS) ? was : GONE_STATUS);
    const where = /^(.*)!([A-Z]+\d+)$/.exec(String(before.cells.cell ?? ""));
    rows.push({ key: before.key, cells, link: where ? { sheet: where[1], cell: where[2] } : undefined });
  }
  rows.forEach((r, i) => (r.cells.no = { v: i + 1, numberFormat: "0" }));
  return { header, columns: fresh.columns, rows };
}

/**
 * The paper with the review statuses set in the pane: a finding the auditor reviewed there gets that
 * 复核状态, and its reason in 审计说明 when the cell is empty. Statuses set in the pane are the latest
 * decision, so they win over an earlier paper's. Inputs: the paper; the statuses by key. Output: the paper.
 */
export function withReviews(
  paper: WorkingPaper,
  reviews: Record<string, { status: string; reason: string }> | undefined,
): WorkingPaper {
  if (!reviews) return paper;
  return {
    ...paper,
    rows: paper.rows.map((r) => {
      const review = reviews[r.key];
      if (!review || r.cells.status.v === null || String(r.cells.status.v).startsWith(GONE_STATUS)) return r;
      return {
        ...r,
        cells: {
          ...r.cells,
          status: text(review.status),
          note: r.cells.note.v ? r.cells.note : text(review.reason),
        },
      };
    }),
  };
}

/** A sheet name not yet taken: 复核结果, then 复核结果 (2), (3) … */
export function freeSheetName(taken: string[], base = WORKING_PAPER_SHEET): string {
  const used = new Set(taken.map((n) => n.toLowerCase()));
  if (!used.has(base.toLowerCase())) return base;
  for (let k = 2; ; k++) if (!used.has(`${base} (${k})`.toLowerCase())) return `${base} (${k})`;
}

/** The in-workbook link target of a cell: `#'Sheet'!A1`. */
export function linkTarget(sheet: string, cell: string): string {
  return `#'${sheet.replace(/'/g, "''")}'!${cell}`;
}

/**
 * The formula of a link to a cell on another sheet of the same workbook: `=HYPERLINK("#'Sheet'!A1","text")`
 * (a location after "#", the sheet name quoted with its apostrophes doubled), which Excel desktop and WPS
 * follow. Microsoft's HYPERLINK page says that in Excel on the web the function follows web addresses
 * only, so the add-in uses it only below ExcelApi 1.7 (desktop Office 2016); from 1.7 it sets
 * Range.hyperlink's documentReference, and the CLI writes a `<hyperlink location>` element.
 */
export function linkFormula(sheet: string, cell: string, display: string): string {
  return `=HYPERLINK("${linkTarget(sheet, cell).replace(/"/g, '""')}","${display.replace(/"/g, '""')}")`;
}

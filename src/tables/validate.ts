/**
 * The pipeline every caller shares: Grid → recognised tables → rules → findings.
 */
import { say } from "../rules/messages";
import { readerFindings, type ReaderNote } from "./readNotes";
import { rangeA1, toA1 } from "../rules/address";
import { runChecks } from "../rules/checks";
import { inferProfiles, type MixedRule, type TableFit, type WorkbookFit } from "../rules/inference";
import { cellText, withParsedCells } from "../rules/parse";
import {
  CHOICE_OPTIONS,
  DIMENSION_NAMES,
  type ChoiceOption,
  type Dimension,
  type ScoringProfile,
} from "../rules/profiles";
import type { Finding, SelfEvaluationTable, StatedCell, TableKind, TableLayout } from "../rules/types";
import { checkAccountsTable } from "../rules/accounts/checks";
import { checkAccountsTies, type PlacedAccountsTable } from "../rules/accounts/ties";
import type { AccountsTable } from "../rules/accounts/types";
import { checkNarrative, type ClaimCounts, type NarrativeParagraph } from "../rules/narrative";
import { checkEvaluationClaims } from "../rules/evaluationTies";
import { findAccountsTables } from "./accounts";
import { findNarrative } from "./narrative";
import {
  accountsCoverageFindings,
  columnsA1,
  coverageOf,
  narrativeNotChecked,
  selfEvaluationCoverageFindings,
  statedAmounts,
  statedFigures,
  type Coverage,
} from "./coverage";
import { findTables, labelsOf, type FindOptions } from "./find";
import { isEmptyGrid, type Grid } from "./grid";

export interface SeverityCounts {
  error: number;
  warning: number;
  info: number;
}

export interface TableReport {
  index: number;
  kind: TableKind;
  layout: TableLayout;
  /** 项目名称 or 单位名称 ("" when the table states none). */
  title: string;
  /** A1 range of the table, e.g. "A1:N40". */
  range: string;
  /** Comparisons made on this table. */
  checks: number;
  findings: number;
  counts: SeverityCounts;
  /** Id of the profile the table was judged under (the selected one, or the inferred one under auto). */
  judgedUnder: string;
  /** The profile that reproduces most of the table's stated scores, e.g. "threshold-60-deviation". */
  inferredProfile: string;
  inferredProfileName: { zh: string; en: string };
  /** Stated scores that can be recomputed, and how many the inferred profile reproduces. */
  scoredRows: number;
  explainedRows: number;
  /** Of those, the rows with r ≠ 100% (where the rules differ), and how many are reproduced. */
  offTargetRows: number;
  offTargetExplained: number;
  /** The 公开说明 text only: claims found and how many disagree, per kind. */
  claims?: ClaimCounts;
  /** Self-evaluation tables: each mapped role → its header cell (`fund.executed` → "E4"). */
  columns?: Record<string, string>;
  /** Header texts no role could be given (the table's columns the vocabulary does not know). */
  unmappedHeaders?: string[];
  /** The same headers with their part and cell (A1), for the pane's 指定列. */
  unmapped?: Array<{ text: string; part: "fund" | "indicator"; cell: string }>;
  /** Stated figures checked, out of stated figures present. */
  coverage: Coverage;
  /** Saved layouts (user column mappings) applied to the table. */
  layouts?: string[];
  /** The sheet, set when one result covers several sheets (Validate workbook). */
  sheet?: string;
}

export type ValidationStatus = "ok" | "empty-sheet" | "no-table";

export interface ValidationResult {
  /** ok; empty-sheet (nothing on the sheet); no-table (content, but no disclosure table found). */
  status: ValidationStatus;
  /** The selection: "auto" or the profile id every table was judged under. */
  profile: string;
  tables: TableReport[];
  /** Findings ordered by table, then row, then column. */
  findings: Finding[];
  counts: SeverityCounts;
  checks: number;
  /** The recognised self-evaluation tables, for callers that insert columns or show details. */
  recognised: SelfEvaluationTable[];
  /** The recognised 部门决算 tables; their reports follow the self-evaluation tables' in `tables`. */
  accounts: AccountsTable[];
  /** The 公开说明 paragraphs found outside the tables (their report comes last in `tables`). */
  narrative: NarrativeParagraph[];
}

/** The profile-fit fields of a table without stated scores (部门决算 tables, 公开说明 text). */
const NOT_SCORED = {
  judgedUnder: "",
  inferredProfile: "",
  inferredProfileName: { zh: "", en: "" },
  scoredRows: 0,
  explainedRows: 0,
  offTargetRows: 0,
  offTargetExplained: 0,
} as const;

export function countSeverities(findings: Finding[]): SeverityCounts {
  const c: SeverityCounts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

/** What the auditor chose: one profile for every table, or `auto` (each table under its inferred profile). */
export type ProfileSelection = ScoringProfile | "auto";

/** The id a selection is reported under: "auto" or the profile's id. */
export function selectionId(sel: ProfileSelection): string {
  return sel === "auto" ? "auto" : sel.id;
}

/**
 * Validates one sheet's grid.
 * Inputs: the grid, the profile selection (a profile, or "auto") and optionally saved layouts. Output: a ValidationResult with its
 * status, a report per table (with its inferred profile and fit) and every finding, including
 * `profile.mixed` when the sheet's tables follow different rules. Never throws on cell content.
 */
export function validateGrid(grid: Grid, selection: ProfileSelection, opts: FindOptions = {}): ValidationResult {
  return validateSheets([{ name: "", grid }], selection, opts).sheets[0].result;
}

/** A workbook's validation: one result per sheet, profiles inferred over all the workbook's tables. */
export interface WorkbookValidation {
  sheets: Array<{ name: string; result: ValidationResult }>;
  fit: WorkbookFit;
}

/**
 * Validates several sheets of one workbook together, so that profile inference and `profile.mixed` see
 * every table of the workbook.
 * Inputs: the sheets (name and grid), the profile selection and optionally saved layouts (user column
 * mappings, applied where the vocabulary does not know a header). Output: one ValidationResult per sheet,
 * in input order, and the workbook's fit. A `profile.mixed` finding is put in the sheet of the table it
 * points at. Never throws on cell content.
 */
export function validateSheets(
  sheets: Array<{ name: string; grid: Grid; notes?: ReaderNote[] }>,
  selection: ProfileSelection,
  opts: FindOptions = {},
): WorkbookValidation {
  return withParsedCells(() => validateSheetsOnce(sheets, selection, opts));
}

function validateSheetsOnce(
  sheets: Array<{ name: string; grid: Grid; notes?: ReaderNote[] }>,
  selection: ProfileSelection,
  opts: FindOptions,
): WorkbookValidation {
  const empty = sheets.map((s) => isEmptyGrid(s.grid));
  const labels = sheets.map((s, i) => (empty[i] ? null : labelsOf(s.grid)));
  const found = sheets.map((s, i) => (labels[i] ? findTables(s.grid, labels[i]!, opts) : null));
  const accounts = sheets.map((s, i) => (labels[i] ? findAccountsTables(s.grid, labels[i]!) : []));
  const all = found.flatMap((f) => f ?? []);
  const fit = inferProfiles(all, selection === "auto" ? undefined : selection);
  const fits = [...fit.tables];
  const results = sheets.map((s, i): { name: string; result: ValidationResult } => {
    const recognised = found[i];
    const tableFits = recognised ? fits.splice(0, recognised.length) : [];
    const result = checkSheet(recognised, tableFits, accounts[i], selection);
    if (!empty[i]) {
      const areas = [...result.recognised, ...result.accounts].map((t) => t.range);
      result.narrative = findNarrative(s.grid, areas);
      if (result.narrative.length > 0 && result.status === "no-table") result.status = "ok";
    }
    return { name: s.name, result };
  });
  const placed = workbookTies(sheets, results, selection);
  results.forEach(({ result }) => {
    if (result.narrative.length === 0) return;
    const index = result.tables.length;
    const n = checkNarrative(result.narrative, placed, selectionId(selection), index);
    // The text against the self-evaluation tables of the workbook (how many, their 预算数 and 执行数).
    const ev = checkEvaluationClaims(
      result.narrative,
      found.flatMap((f, si) =>
        (f ?? []).map((table) => ({ table, sheetName: sheets.length > 1 ? sheets[si].name : "" })),
      ),
      selectionId(selection),
      index,
    );
    n.findings.push(...ev.findings.map((finding) => ({ paragraph: 0, finding })));
    n.counts["table-tie"].found += ev.found;
    n.counts["table-tie"].disagree += ev.disagree;
    n.checks += ev.checks;
    const claimsFound = Object.values(n.counts).reduce((acc, c) => acc + c.found, 0);
    if (n.checks === 0)
      n.findings.push({
        paragraph: 0,
        finding: narrativeNotChecked(result.narrative[0].cell, index, selectionId(selection)),
      });
    const cells = result.narrative.map((p) => p.cell);
    const top = Math.min(...cells.map((c) => c.row));
    const bottom = Math.max(...cells.map((c) => c.row));
    const left = Math.min(...cells.map((c) => c.col));
    const right = Math.max(...cells.map((c) => c.col));
    result.findings.push(...n.findings.map((f) => f.finding));
    result.checks += n.checks;
    result.tables.push({
      index,
      kind: "narrative",
      layout: "text",
      title: "公开说明",
      range: rangeA1(top, left, bottom, right),
      checks: n.checks,
      findings: n.findings.length,
      counts: countSeverities(n.findings.map((f) => f.finding)),
      ...NOT_SCORED,
      claims: n.counts,
      coverage: { present: claimsFound, checked: n.checks > 0 ? claimsFound : 0 },
    });
    recount(result);
  });
  // What the file reader saw (a formula without its result, content beyond the cells read): a warning each.
  results.forEach(({ result }, i) => {
    const notes = sheets[i].notes ?? [];
    if (notes.length === 0) return;
    result.findings.push(
      ...readerFindings(
        notes,
        result.tables.map((t) => t.range),
        selectionId(selection),
      ),
    );
    recount(result);
  });
  // profile.mixed: one warning per rule on which the tables disagree, at the first table of the smallest group.
  const where: Array<{ sheet: number; local: number }> = [];
  found.forEach((f, sheet) => f?.forEach((_, local) => where.push({ sheet, local })));
  for (const m of fit.mixed) {
    const smallest = m.groups[m.groups.length - 1];
    const first = where[smallest.tables[0]];
    const table = found[first.sheet]![first.local];
    const tfit = fit.tables[smallest.tables[0]];
    const cell = evidenceCell(tfit, m.dimension) ?? table.fund?.score ?? table.indicators[0]?.score;
    if (!cell) continue;
    const result = results[first.sheet].result;
    const finding = mixedFinding(m, cell, first.local, selection, (i) => {
      const w = where[i];
      const t = found[w.sheet]![w.local];
      return `${sheets.length > 1 ? `${sheets[w.sheet].name}!` : ""}${tableLabel(w.local, t)}`;
    });
    result.findings.push(finding);
    recount(result);
  }
  return { sheets: results, fit };
}

function tableLabel(index: number, t: SelfEvaluationTable): string {
  const title = t.title.length > 18 ? t.title.slice(0, 18) + "…" : t.title;
  return `第${index + 1}表${title ? `「${title}」` : ""}`;
}

/** A stated score of the table that shows its choice on the rule (an off-target row depending on it). */
function evidenceCell(fit: TableFit, d: Dimension): StatedCell | undefined {
  return fit.rows.find((r) => r.offTarget && r.explained && (d === "budgetExecution") === (r.kind === "budget"))?.cell;
}

/** The note of profile.mixed, by id. */
export const MIXED_MESSAGES = {
  mixed: {
    zh: "复核：各表「{dimension}」口径不一致：{groups}。同一单位应统一评分口径。",
    en: 'Check: the tables follow different rules for "{dimensionEn}": {groupsEn}. One unit should score all its tables alike.',
  },
} as const;

function mixedFinding(
  m: MixedRule,
  cell: StatedCell,
  tableIndex: number,
  selection: ProfileSelection,
  label: (i: number) => string,
): Finding {
  const option = (key: string) =>
    (CHOICE_OPTIONS[m.dimension] as ReadonlyArray<ChoiceOption>).find((o) => o.key === key)?.name ?? {
      zh: key,
      en: key,
    };
  const list = (ts: number[]) => {
    const names = ts.slice(0, 8).map(label);
    return names.join("、") + (ts.length > 8 ? ` 等` : "");
  };
  const dim = DIMENSION_NAMES[m.dimension];
  const zh = m.groups.map((g) => `${option(g.option).zh} ${g.tables.length} 张（${list(g.tables)}）`).join("；");
  const en = m.groups.map((g) => `${option(g.option).en}: ${g.tables.length} tables`).join("; ");
  // The formula column of the working paper: each option's Chinese name and its table count.
  const counts = m.groups.map((g) => `${option(g.option).zh} ${g.tables.length} 张`).join("；");
  return {
    rule: "profile.mixed",
    severity: "warning",
    category: "rule",
    row: cell.row,
    col: cell.col,
    cell: toA1(cell.row, cell.col),
    stated: cellText(cell).trim(),
    expected: "",
    formula: counts,
    ...say(MIXED_MESSAGES, "mixed", { dimension: dim.zh, dimensionEn: dim.en, groups: zh, groupsEn: en }),
    profile: selectionId(selection),
    table: tableIndex,
  };
}

/** The cells each 部门决算 table's own checks covered, kept for the coverage after the workbook's ties. */
const accountsCovered = new WeakMap<AccountsTable, Set<number>>();

/** Cross-table ties over every sheet's 部门决算 tables, added to the sheet of the cell each sits on. */
function workbookTies(
  sheets: Array<{ name: string }>,
  results: Array<{ name: string; result: ValidationResult }>,
  selection: ProfileSelection,
): PlacedAccountsTable[] {
  const placed: PlacedAccountsTable[] = [];
  results.forEach(({ result }, sheet) => {
    const offset = result.recognised.length;
    result.accounts.forEach((table, i) =>
      placed.push({ table, sheet, sheetName: sheets.length > 1 ? sheets[sheet].name : "", tableIndex: offset + i }),
    );
  });
  if (placed.length < 2) {
    for (const p of placed) {
      const report = results[p.sheet].result.tables[p.tableIndex];
      if (report.checks > 0) continue;
      results[p.sheet].result.findings.push(
        ...accountsCoverageFindings(p.table, p.tableIndex, 0, selectionId(selection)),
      );
      recount(results[p.sheet].result);
    }
    return placed;
  }
  const ties = checkAccountsTies(placed, selectionId(selection));
  const touched = new Set<number>();
  // Each table counts the ties it took part in; one none of whose own sums ran and that no tie reached
  // says so.
  for (const p of placed) {
    const report = results[p.sheet].result.tables[p.tableIndex];
    report.checks += ties.tied.get(p) ?? 0;
    const own = accountsCovered.get(p.table) ?? new Set<number>();
    for (const k of ties.covered.get(p) ?? []) own.add(k);
    report.coverage = coverageOf(statedAmounts(p.table), own);
    if (report.checks > 0) continue;
    results[p.sheet].result.findings.push(
      ...accountsCoverageFindings(p.table, p.tableIndex, 0, selectionId(selection)),
    );
    touched.add(p.sheet);
  }
  for (const { sheet, finding } of ties.findings) {
    results[sheet].result.findings.push(finding);
    touched.add(sheet);
  }
  // Count each tie once, on the sheet of the first table that takes part.
  if (ties.checks > 0) {
    const r = results[placed[0].sheet].result;
    r.checks += ties.checks;
  }
  for (const sheet of touched) recount(results[sheet].result);
  return placed;
}

/** Re-sorts a result's findings and recomputes its counts and per-table counts. */
function recount(result: ValidationResult): void {
  result.findings.sort((a, b) => a.table - b.table || a.row - b.row || a.col - b.col);
  result.counts = countSeverities(result.findings);
  // One pass over the findings, counted per table (not one filter over all findings per table).
  const perTable = new Map<number, SeverityCounts>();
  for (const f of result.findings) {
    let c = perTable.get(f.table);
    if (!c) perTable.set(f.table, (c = { error: 0, warning: 0, info: 0 }));
    c[f.severity]++;
  }
  for (const tr of result.tables) {
    const c = perTable.get(tr.index) ?? { error: 0, warning: 0, info: 0 };
    tr.findings = c.error + c.warning + c.info;
    tr.counts = c;
  }
}

function checkSheet(
  recognised: SelfEvaluationTable[] | null,
  fits: TableFit[],
  accounts: AccountsTable[],
  selection: ProfileSelection,
): ValidationResult {
  const empty: ValidationResult = {
    status: "ok",
    profile: selectionId(selection),
    tables: [],
    findings: [],
    counts: { error: 0, warning: 0, info: 0 },
    checks: 0,
    recognised: [],
    accounts: [],
    narrative: [],
  };
  if (!recognised) return { ...empty, status: "empty-sheet" };
  if (recognised.length === 0 && accounts.length === 0) return { ...empty, status: "no-table" };
  const tables: TableReport[] = [];
  const findings: Finding[] = [];
  let checks = 0;
  recognised.forEach((t, index) => {
    const fit = fits[index];
    const profile = selection === "auto" ? fit.profile : selection;
    const r = runChecks(t, profile, index, { auto: selection === "auto", fit });
    r.findings.push(...selfEvaluationCoverageFindings(t, index, r.checks, profile.id));
    r.findings.sort((a, b) => a.row - b.row || a.col - b.col);
    findings.push(...r.findings);
    checks += r.checks;
    tables.push({
      index,
      kind: t.kind,
      layout: t.layout,
      title: t.title,
      range: rangeA1(t.range.top, t.range.left, t.range.bottom, t.range.right),
      checks: r.checks,
      findings: r.findings.length,
      counts: countSeverities(r.findings),
      judgedUnder: profile.id,
      inferredProfile: fit.profile.id,
      inferredProfileName: fit.profile.name,
      scoredRows: fit.scoredRows,
      explainedRows: fit.explainedRows,
      offTargetRows: fit.offTargetRows,
      offTargetExplained: fit.offTargetExplained,
      columns: columnsA1(t),
      unmappedHeaders: t.unmapped.map((u) => u.text.replace(/\s+/g, "")),
      unmapped: t.unmapped.map((u) => ({ text: u.text, part: u.part, cell: toA1(u.cell.row, u.cell.col) })),
      coverage: coverageOf(statedFigures(t), r.covered),
      ...(t.layouts ? { layouts: t.layouts } : {}),
    });
  });
  accounts.forEach((t, i) => {
    const index = recognised.length + i;
    const r = checkAccountsTable(t, index, selectionId(selection));
    accountsCovered.set(t, r.covered);
    r.findings.sort((a, b) => a.row - b.row || a.col - b.col);
    findings.push(...r.findings);
    checks += r.checks;
    tables.push({
      index,
      kind: t.kind,
      layout: "accounts",
      title: t.title,
      range: rangeA1(t.range.top, t.range.left, t.range.bottom, t.range.right),
      checks: r.checks,
      findings: r.findings.length,
      counts: countSeverities(r.findings),
      ...NOT_SCORED,
      coverage: coverageOf(statedAmounts(t), r.covered),
    });
  });
  return { ...empty, tables, findings, counts: countSeverities(findings), checks, recognised, accounts, narrative: [] };
}

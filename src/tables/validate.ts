/**
 * The pipeline every caller shares: Grid → recognised tables → rules → findings.
 */
import { rangeA1 } from "../rules/address";
import { runChecks } from "../rules/checks";
import type { ScoringProfile } from "../rules/profiles";
import type { Finding, SelfEvaluationTable, TableKind, TableLayout } from "../rules/types";
import { findTables } from "./find";
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
}

export type ValidationStatus = "ok" | "empty-sheet" | "no-table";

export interface ValidationResult {
  /** ok; empty-sheet (nothing on the sheet); no-table (content, but no disclosure table found). */
  status: ValidationStatus;
  profile: string;
  tables: TableReport[];
  /** Findings ordered by table, then row, then column. */
  findings: Finding[];
  counts: SeverityCounts;
  checks: number;
  /** The recognised tables themselves, for callers that insert columns or show details. */
  recognised: SelfEvaluationTable[];
}

export function countSeverities(findings: Finding[]): SeverityCounts {
  const c: SeverityCounts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

/**
 * Validates one sheet's grid.
 * Inputs: the grid and a scoring profile. Output: a ValidationResult with its status, a report per
 * table and every finding. Never throws on cell content.
 */
export function validateGrid(grid: Grid, profile: ScoringProfile): ValidationResult {
  const empty: ValidationResult = {
    status: "ok",
    profile: profile.id,
    tables: [],
    findings: [],
    counts: { error: 0, warning: 0, info: 0 },
    checks: 0,
    recognised: [],
  };
  if (isEmptyGrid(grid)) return { ...empty, status: "empty-sheet" };
  const recognised = findTables(grid);
  if (recognised.length === 0) return { ...empty, status: "no-table" };
  const tables: TableReport[] = [];
  const findings: Finding[] = [];
  let checks = 0;
  recognised.forEach((t, index) => {
    const r = runChecks(t, profile, index);
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
    });
  });
  return { status: "ok", profile: profile.id, tables, findings, counts: countSeverities(findings), checks, recognised };
}

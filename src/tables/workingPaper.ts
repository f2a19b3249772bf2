/**
 * The working paper (审计工作底稿) a validation exports: one row per finding, with a link to its cell,
 * the rule, the stated and expected figures, the formula with the real numbers, the profile, the
 * explanation, and an empty 审计说明 column for the auditor. Excel and the CLI write the same rows.
 */
import { RULE_TITLES } from "../rules/checks";
import type { Severity } from "../rules/types";
import type { ValidationResult } from "./validate";

/** The sheet the working paper goes to (a free variant such as "复核结果 (2)" when it exists). */
export const WORKING_PAPER_SHEET = "复核结果";

export const WORKING_PAPER_HEADERS = [
  "序号",
  "单元格",
  "工作表",
  "表格",
  "规则",
  "规则编号",
  "严重程度",
  "表列",
  "应为",
  "计算",
  "评分口径",
  "说明",
  "审计说明",
] as const;

/** Column widths (characters) for the headers above. */
export const WORKING_PAPER_WIDTHS = [6, 12, 14, 28, 24, 24, 8, 12, 12, 36, 20, 60, 30] as const;

const SEVERITY: Record<Severity, string> = { error: "错误", warning: "警告", info: "提示" };

export interface WorkingPaperRow {
  /** The cells of the row, in header order; the 单元格 column shows "Sheet!A1". */
  values: string[];
  /** Where the 单元格 link goes. */
  link: { sheet: string; cell: string };
}

/**
 * The rows of the working paper.
 * Inputs: a validation result and the sheet name for findings that do not name one (Validate sheet).
 * Output: one row per finding, in the result's order (table, row, column). Never throws.
 */
export function workingPaperRows(result: ValidationResult, defaultSheet: string): WorkingPaperRow[] {
  return result.findings.map((f, i) => {
    const sheet = f.sheet ?? defaultSheet;
    const table = result.tables.find((t) => t.index === f.table);
    const title = table ? `${table.index + 1} ${table.title || "（无名称）"}` : "";
    return {
      values: [
        String(i + 1),
        `${sheet}!${f.cell}`,
        sheet,
        title,
        RULE_TITLES[f.rule].zh,
        f.rule,
        SEVERITY[f.severity],
        f.stated,
        f.expected,
        f.formula,
        f.profile,
        f.message,
        "",
      ],
      link: { sheet, cell: f.cell },
    };
  });
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

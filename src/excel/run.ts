/**
 * The thin layer that calls Excel.run and Office APIs; everything below it takes a context.
 * Used by the task pane and the ribbon command (one shared runtime).
 */
import type { ProfileSelection } from "../tables/validate";
import {
  clearActiveSheet,
  clearWorkbook,
  selectCell,
  validateActiveSheet,
  validateWorkbook,
  type ExcelValidation,
} from "./adapter";
import { detectCapabilities, type Capabilities } from "./capabilities";
import {
  insertRecomputedColumns,
  officeColumnsStore,
  removeRecomputedColumns,
  type InsertResult,
  type RemoveResult,
} from "./columns";
import { exportFindings, type ExportResult } from "./export";
import { officeSettingsStore } from "./record";
import { saveReviews } from "./review";
import type { ReviewRecord } from "../tables/reviews";
import type { ValidationResult } from "../tables/validate";
import type { SavedLayout } from "../tables/layouts";

/**
 * On an Excel with neither notes nor comments (below ExcelApi 1.10) the highlighted cells carry no
 * explanation: the working paper 复核结果 is then written (or updated) at once, so that each highlight's
 * reason is in the workbook, and the pane says so ("paper-written"). A failure to write it is a warning,
 * never a lost validation. Input: the validation and the export. Output: the validation, with the warning.
 */
export async function withPaperWhenNoNotes(
  v: ExcelValidation,
  exportFindingsOf: (
    result: ValidationResult,
    sheetName: string,
    reviews?: Record<string, ReviewRecord>,
  ) => Promise<ExportResult>,
): Promise<ExcelValidation> {
  if (v.notes !== "none" || v.highlighted === 0 || !v.result) return v;
  try {
    const paper = await exportFindingsOf(v.result, v.sheet.name, v.reviews);
    if (paper.status === "ok") return { ...v, warnings: [...v.warnings, "paper-written"] };
  } catch (e) {
    console.error("disclosure-check: writing the working paper failed", e);
    return { ...v, warnings: [...v.warnings, "paper-failed"] };
  }
  return v;
}

export function hostCapabilities(): Capabilities {
  return detectCapabilities((name, version) => Office.context.requirements.isSetSupported(name, version));
}

/** The operations the task pane and the ribbon command need, as plain async functions. */
export interface ExcelHost {
  /** What this Excel supports (requirement sets), for the pane's notice of missing features. */
  capabilities(): Capabilities;
  /**
   * Validates the active sheet, or with scope "workbook" every sheet together (cross-table ties, text
   * claims), applying the saved layouts (user column mappings) where the vocabulary does not know a header.
   */
  validate(profile: ProfileSelection, scope?: "sheet" | "workbook", layouts?: SavedLayout[]): Promise<ExcelValidation>;
  /** Clears the active sheet, or with scope "workbook" every sheet the add-in annotated. */
  clear(
    scope?: "sheet" | "workbook",
  ): Promise<{ status: "ok" | "protected" | "unsupported" | "record-unreadable"; restored: number }>;
  select(sheetName: string, address: string): Promise<void>;
  /** Inserts the recomputed columns on the active sheet; `allowShift` consents to inserting whole columns. */
  insertColumns(profile: ProfileSelection, allowShift: boolean): Promise<InsertResult>;
  /** Removes every block of recomputed columns the add-in inserted. */
  removeColumns(): Promise<RemoveResult>;
  /** Writes the findings of a validation to the working paper 复核结果 (updated in place when it exists). */
  exportFindings(
    result: ValidationResult,
    sheetName: string,
    reviews?: Record<string, ReviewRecord>,
  ): Promise<ExportResult>;
  /** Sets review statuses (by finding key) in the workbook's hidden sheet 复核状态; returns every status kept. */
  setReviews(records: ReviewRecord[]): Promise<Record<string, ReviewRecord>>;
}

export const officeHost: ExcelHost = {
  capabilities: () => hostCapabilities(),
  validate: async (profile, scope = "sheet", layouts = []) => {
    const caps = hostCapabilities();
    const v = await Excel.run((context) =>
      // The review statuses are read in the same batch as the sheet: a finding marked 接受 or 误报 is not highlighted.
      (scope === "workbook" ? validateWorkbook : validateActiveSheet)(context, {
        profile,
        caps,
        store: officeSettingsStore(Office.context.document.settings, caps),
        layouts,
      }),
    );
    return withPaperWhenNoNotes(v, (result, sheetName, reviews) =>
      Excel.run((context) =>
        exportFindings(context, {
          result,
          sheetName,
          caps,
          profile: result.profile,
          activate: false,
          ...(reviews ? { reviews } : {}),
        }),
      ),
    );
  },
  setReviews: (records) =>
    Excel.run(async (context) => Object.fromEntries(await saveReviews(context, records, hostCapabilities()))),
  clear: (scope = "sheet") =>
    Excel.run(async (context) => {
      const caps = hostCapabilities();
      const opts = { caps, store: officeSettingsStore(Office.context.document.settings, caps) };
      const r = scope === "workbook" ? await clearWorkbook(context, opts) : await clearActiveSheet(context, opts);
      return { status: r.status, restored: r.restored };
    }),
  select: (sheetName, address) => Excel.run((context) => selectCell(context, sheetName, address)),
  insertColumns: (profile, allowShift) =>
    Excel.run((context) =>
      insertRecomputedColumns(context, {
        profile,
        allowShift,
        caps: hostCapabilities(),
        store: officeColumnsStore(Office.context.document.settings),
      }),
    ),
  removeColumns: () =>
    Excel.run((context) =>
      removeRecomputedColumns(context, {
        caps: hostCapabilities(),
        store: officeColumnsStore(Office.context.document.settings),
      }),
    ),
  exportFindings: (result, sheetName) =>
    Excel.run((context) =>
      exportFindings(context, { result, sheetName, caps: hostCapabilities(), profile: result.profile }),
    ),
};

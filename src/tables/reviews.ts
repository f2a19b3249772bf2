/**
 * Review statuses (复核状态) the auditor gives findings, kept in the workbook itself: a hidden sheet
 * 复核状态 with one row per finding key (匹配键, 复核状态, 理由, 时间). The key is the working paper's
 * (src/tables/workingPaper.ts `keyedFindings`: sheet, table, row label, rule), so a status survives
 * re-validation, Clear, reopening the workbook, and another computer. A sheet rather than document
 * settings: settings have a size limit (about 2 MB) that the statuses of a large workbook can outgrow.
 */
import { REVIEW_STATUSES, type ReviewStatus } from "./workingPaper";

/** The hidden sheet the statuses are kept on. */
export const REVIEW_SHEET = "复核状态";
export const REVIEW_HEADERS = ["匹配键", "复核状态", "理由", "时间"] as const;

export interface ReviewRecord {
  /** The finding's stable key. */
  key: string;
  status: ReviewStatus;
  /** Why (free text, may be empty). */
  reason: string;
  /** When it was set (ISO 8601). */
  at: string;
}

/** Statuses under which a finding is no longer highlighted: the auditor has judged it not a problem. */
export const UNHIGHLIGHTED: ReadonlySet<ReviewStatus> = new Set<ReviewStatus>(["接受（口径合理）", "误报"]);

/**
 * Reads the statuses from the review sheet's values (row 0 = the header).
 * Output: the records by key, or null when the values are not a review sheet (no 匹配键 header).
 * A row with an unknown status is left out.
 */
export function readReviews(values: ReadonlyArray<ReadonlyArray<unknown>>): Map<string, ReviewRecord> | null {
  const str = (v: unknown) => (v === null || v === undefined ? "" : String(v));
  if (str(values[0]?.[0]) !== REVIEW_HEADERS[0]) return null;
  const out = new Map<string, ReviewRecord>();
  for (const row of values.slice(1)) {
    const key = str(row[0]);
    const status = str(row[1]) as ReviewStatus;
    if (!key || !(REVIEW_STATUSES as readonly string[]).includes(status)) continue;
    out.set(key, { key, status, reason: str(row[2]), at: str(row[3]) });
  }
  return out;
}

/** The review sheet's values for a set of records: the header, then one row per record, by key. */
export function reviewValues(records: Iterable<ReviewRecord>): string[][] {
  const rows = [...records].filter((r) => r.status !== "未复核" || r.reason).sort((a, b) => a.key.localeCompare(b.key));
  return [[...REVIEW_HEADERS], ...rows.map((r) => [r.key, r.status, r.reason, r.at])];
}

/** True when a sheet is the tool's review sheet (never validated as input). */
export function isReviewSheet(name: string, values: ReadonlyArray<ReadonlyArray<unknown>>): boolean {
  return name === REVIEW_SHEET && readReviews(values) !== null;
}

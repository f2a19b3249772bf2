/**
 * The review statuses in Excel: read from and written to the hidden sheet 复核状态
 * (src/tables/reviews.ts). One sync to read; a write is one read sync and one write sync.
 */
import { columnLetters } from "../rules/address";
import { readReviews, REVIEW_HEADERS, REVIEW_SHEET, reviewValues, type ReviewRecord } from "../tables/reviews";
import type { Capabilities } from "./capabilities";

/**
 * Reads every status kept in the workbook. Input: a request context. Output: the records by key (empty
 * when there is no review sheet). One sync. Throws: the batch's error.
 */
export async function loadReviews(context: Excel.RequestContext): Promise<Map<string, ReviewRecord>> {
  const queued = queueReviews(context);
  await context.sync();
  return reviewsRead(queued);
}

/** The proxies of a queued review read. */
export interface QueuedReviews {
  ws: Excel.Worksheet;
  used: Excel.Range;
}

/**
 * Queues the read of the review statuses into the current batch (no sync of its own), so that a
 * validation reads them with the sheet. Output: the proxies, for `reviewsRead` after the sync.
 */
export function queueReviews(context: Excel.RequestContext): QueuedReviews {
  const ws = context.workbook.worksheets.getItemOrNullObject(REVIEW_SHEET);
  const used = ws.getUsedRangeOrNullObject(true);
  used.load("values");
  return { ws, used };
}

/** The records of a queued review read, after its sync (empty when there is no review sheet). */
export function reviewsRead(q: QueuedReviews): Map<string, ReviewRecord> {
  if (q.ws.isNullObject || q.used.isNullObject) return new Map();
  return readReviews(q.used.values) ?? new Map();
}

/**
 * Sets the status of findings (by key) and writes every status back to the hidden sheet 复核状态,
 * creating it when missing. A status 未复核 without a reason removes the key's row.
 * Inputs: a request context, the records to set, the capabilities. Output: every record kept.
 * Two syncs (the sheet as it is; the write). Throws: the batches' errors (a protected workbook
 * structure refuses the new sheet).
 */
export async function saveReviews(
  context: Excel.RequestContext,
  records: ReviewRecord[],
  caps: Capabilities,
): Promise<Map<string, ReviewRecord>> {
  if (!caps.minimum) return new Map();
  const queued = queueReviews(context);
  await context.sync();
  const all = queueReviewWrite(context, queued, records);
  await context.sync();
  return all;
}

/**
 * Queues the write of review statuses into the current batch (no sync of its own): the records are set
 * on top of those read with `queueReviews` (after its sync), and the whole hidden sheet 复核状态 is
 * rewritten, created when missing. Output: every record kept.
 */
export function queueReviewWrite(
  context: Excel.RequestContext,
  queued: QueuedReviews,
  records: ReviewRecord[],
): Map<string, ReviewRecord> {
  const all = reviewsRead(queued);
  for (const r of records) all.set(r.key, r);
  const values = reviewValues(all.values());
  const sheets = context.workbook.worksheets;
  const target = queued.ws.isNullObject ? sheets.add(REVIEW_SHEET) : sheets.getItem(REVIEW_SHEET);
  if (queued.ws.isNullObject) target.visibility = "Hidden";
  else if (!queued.used.isNullObject) queued.used.clear("Contents");
  const range = target.getRange(`A1:${columnLetters(REVIEW_HEADERS.length - 1)}${values.length}`);
  range.numberFormat = values.map((row) => row.map(() => "@"));
  range.values = values;
  return new Map([...all].filter(([, r]) => r.status !== "未复核" || r.reason));
}

/**
 * The review statuses in Excel: read from and written to the hidden sheet 复核状态
 * (src/tables/reviews.ts). One sync to read; a write is one read sync and one write sync.
 */
import { columnLetters } from "../rules/address";
import { readReviews, REVIEW_HEADERS, REVIEW_SHEET, reviewValues, type ReviewRecord } from "../tables/reviews";
import { ALL_CAPABILITIES, type Capabilities } from "./capabilities";
import { isNull } from "./read";

/**
 * Reads every status kept in the workbook. Input: a request context, the capabilities. Output: the records
 * by key (empty when there is no review sheet). One sync (two below ExcelApi 1.4 when the sheet exists).
 * Throws: the batch's error.
 */
export async function loadReviews(
  context: Excel.RequestContext,
  caps: Capabilities = ALL_CAPABILITIES,
): Promise<Map<string, ReviewRecord>> {
  const queued = queueReviews(context, caps);
  await context.sync();
  return reviewsOf(context, queued);
}

/**
 * The proxies of a queued review read. ExcelApi 1.4: the sheet and its used range, null objects when the
 * sheet is missing. Below 1.4: the sheet collection's names; the sheet and its cells are read after
 * (`reviewsOf`), and only when the sheet exists.
 */
export interface QueuedReviews {
  ws: Excel.Worksheet | null;
  used: Excel.Range | null;
  sheets?: Excel.WorksheetCollection;
}

/**
 * Queues the read of the review statuses into the current batch (no sync of its own), so that a
 * validation reads them with the sheet. Output: the proxies, for `reviewsOf` after the sync.
 */
export function queueReviews(context: Excel.RequestContext, caps: Capabilities): QueuedReviews {
  if (!caps.nullObjects) {
    const sheets = context.workbook.worksheets;
    sheets.load("items/name");
    return { ws: null, used: null, sheets };
  }
  const ws = context.workbook.worksheets.getItemOrNullObject(REVIEW_SHEET);
  const used = ws.getUsedRangeOrNullObject(true);
  used.load("values");
  return { ws, used };
}

/**
 * The records of a queued review read, after its sync (empty when there is no review sheet). Below
 * ExcelApi 1.4, when the loaded sheet names include 复核状态, its cells are read first: one more sync.
 * The proxies in `q` are completed for `queueReviewWrite`.
 */
export async function reviewsOf(context: Excel.RequestContext, q: QueuedReviews): Promise<Map<string, ReviewRecord>> {
  if (q.sheets && !q.ws && q.sheets.items.some((s) => s.name === REVIEW_SHEET)) {
    q.ws = context.workbook.worksheets.getItem(REVIEW_SHEET);
    q.used = q.ws.getUsedRange();
    q.used.load("values");
    await context.sync();
  }
  return reviewsRead(q);
}

/** The records of a completed review read (empty when there is no review sheet). */
function reviewsRead(q: QueuedReviews): Map<string, ReviewRecord> {
  if (isNull(q.ws) || isNull(q.used)) return new Map();
  return readReviews(q.used!.values) ?? new Map();
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
  const queued = queueReviews(context, caps);
  await context.sync();
  await reviewsOf(context, queued);
  const all = queueReviewWrite(context, queued, records, caps);
  await context.sync();
  return all;
}

/**
 * Queues the write of review statuses into the current batch (no sync of its own): the records are set
 * on top of those read with `queueReviews` and `reviewsOf`, and the whole hidden sheet 复核状态 is
 * rewritten, created when missing. Output: every record kept.
 */
export function queueReviewWrite(
  context: Excel.RequestContext,
  queued: QueuedReviews,
  records: ReviewRecord[],
  caps: Capabilities,
): Map<string, ReviewRecord> {
  const all = reviewsRead(queued);
  for (const r of records) all.set(r.key, r);
  const values = reviewValues(all.values());
  const sheets = context.workbook.worksheets;
  const missing = isNull(queued.ws);
  const target = missing ? sheets.add(REVIEW_SHEET) : sheets.getItem(REVIEW_SHEET);
  // Setting visibility is ExcelApi 1.2: below 1.4 the sheet stays visible (it is never validated as input).
  if (missing && caps.nullObjects) target.visibility = "Hidden";
  else if (!isNull(queued.used)) queued.used!.clear("Contents");
  const range = target.getRange(`A1:${columnLetters(REVIEW_HEADERS.length - 1)}${values.length}`);
  range.numberFormat = values.map((row) => row.map(() => "@"));
  range.values = values;
  return new Map([...all].filter(([, r]) => r.status !== "未复核" || r.reason));
}

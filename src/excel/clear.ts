/**
 * Clear for the adapter (src/excel/adapter.ts): removes the add-in's highlights and notes, on the active
 * sheet or every recorded sheet, from the record kept in the workbook, and puts the original fills back.
 */
import type { Capabilities } from "./capabilities";
import { sendOps } from "./payload";
import { isNull, isProtected } from "./read";
import type { AnnotationRecord, AnnotationStore, SheetRecord } from "./record";
import { queuePriorLookups, queueRemovePrior, queueRestoreFill, type PriorLookup } from "./write";

/** Queues the restore of a record's cells (notes removed, fills put back), in requests under the payload limit. */
async function sendRestores(
  context: Excel.RequestContext,
  sheets: Array<{ ws: Excel.Worksheet; id: string; entry: SheetRecord }>,
  prior: PriorLookup,
): Promise<void> {
  const ops = sheets.flatMap((s) =>
    s.entry.cells.map((cell) => ({
      bytes: 400,
      queue: () => {
        queueRemovePrior(s.id, { name: s.entry.name, cells: [cell] }, prior);
        if (!cell.pending) queueRestoreFill(s.ws.getRange(cell.address), cell.fill);
      },
    })),
  );
  await sendOps(context, ops);
}

/**
 * Removes every highlight and note the add-in made on the active sheet and restores the fills that
 * were there before. Works from the record in the workbook, so it still works after the pane was
 * closed or the workbook reopened. One read sync, one write sync (more only above the payload limit).
 * Output: the number of cells restored (0 when the sheet has no record), or status "protected".
 */
export async function clearActiveSheet(
  context: Excel.RequestContext,
  opts: { caps: Capabilities; store: AnnotationStore },
): Promise<{
  status: "ok" | "protected" | "unsupported" | "record-unreadable";
  restored: number;
  sheet: { id: string; name: string };
}> {
  const { caps, store } = opts;
  if (!caps.minimum) return { status: "unsupported", restored: 0, sheet: { id: "", name: "" } };
  await store.open?.(context);
  if (store.unreadable?.()) return { status: "record-unreadable", restored: 0, sheet: { id: "", name: "" } };
  const record = store.load();
  const ws = context.workbook.worksheets.getActiveWorksheet();
  // Protection (ExcelApi 1.2) is read from 1.4 on; below it a protected sheet refuses the write instead.
  if (caps.nullObjects) ws.load("id,name,protection/protected");
  else ws.load("id,name");
  const prior = queuePriorLookups(context, record, caps);
  await context.sync();
  const sheet = { id: ws.id, name: ws.name };
  const entry = record?.sheets[ws.id];
  if (!record || !entry) return { status: "ok", restored: 0, sheet };
  if (isProtected(ws, caps)) return { status: "protected", restored: 0, sheet };
  await sendRestores(context, [{ ws, id: ws.id, entry }], prior);
  const next: AnnotationRecord = { version: 1, sheets: { ...record.sheets } };
  delete next.sheets[ws.id];
  await store.save(next);
  return { status: "ok", restored: entry.cells.length, sheet };
}

/**
 * Clears what the add-in wrote on every sheet it recorded (after Validate workbook). Two syncs (more only
 * for a write over 4 MB).
 * Output: cells restored, and the names of recorded sheets left alone because they are protected.
 */
export async function clearWorkbook(
  context: Excel.RequestContext,
  opts: { caps: Capabilities; store: AnnotationStore },
): Promise<{ status: "ok" | "protected" | "unsupported" | "record-unreadable"; restored: number; skipped: string[] }> {
  const { caps, store } = opts;
  if (!caps.minimum) return { status: "unsupported", restored: 0, skipped: [] };
  await store.open?.(context);
  if (store.unreadable?.()) return { status: "record-unreadable", restored: 0, skipped: [] };
  const record = store.load();
  if (!record) return { status: "ok", restored: 0, skipped: [] };
  // Each recorded sheet by id: a null object when deleted (ExcelApi 1.4); below 1.4, found among the
  // loaded sheets (getItem of a deleted sheet would fail the whole request).
  const wsc = context.workbook.worksheets;
  if (!caps.nullObjects) wsc.load("items/id,items/name");
  const lookups = Object.keys(record.sheets).map((id) => {
    if (!caps.nullObjects) return { id, ws: null as Excel.Worksheet | null };
    const ws = wsc.getItemOrNullObject(id);
    ws.load("id,name,protection/protected");
    return { id, ws };
  });
  const prior = queuePriorLookups(context, record, caps);
  await context.sync();
  const sheets = lookups.map(({ id, ws }) => ({
    id,
    ws: caps.nullObjects ? (isNull(ws) ? null : ws) : (wsc.items.find((w) => w.id === id) ?? null),
  }));
  const next: AnnotationRecord = { version: 1, sheets: { ...record.sheets } };
  let restored = 0;
  const skipped: string[] = [];
  const clear: Array<{ ws: Excel.Worksheet; id: string; entry: SheetRecord }> = [];
  for (const { id, ws } of sheets) {
    const entry = record.sheets[id];
    if (!ws) {
      delete next.sheets[id];
      continue;
    }
    if (isProtected(ws, caps)) {
      skipped.push(ws.name);
      continue;
    }
    clear.push({ ws, id, entry });
    restored += entry.cells.length;
    delete next.sheets[id];
  }
  try {
    await sendRestores(context, clear, prior);
  } catch (e) {
    // Below ExcelApi 1.4 protection is not read first, so one protected sheet refuses the whole request.
    // Recovery: sheet by sheet (one request each), keeping the record of a sheet Excel refuses.
    if (caps.nullObjects || clear.length < 2) throw e;
    restored = 0;
    for (const s of clear) {
      try {
        await sendRestores(context, [s], prior);
        restored += s.entry.cells.length;
      } catch {
        skipped.push(s.ws.name);
        next.sheets[s.id] = s.entry;
      }
    }
  }
  await store.save(next);
  return { status: skipped.length > 0 && restored === 0 ? "protected" : "ok", restored, skipped };
}

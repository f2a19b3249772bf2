/**
 * The messages the task pane shows for a session state, in order: errors with a next step, the recomputed
 * columns (with the question before whole columns are inserted), Remove, Export, the sheet's status,
 * degraded writes, Clear. Pure (no React), so the message for each situation can be tested.
 */
import type { SessionState } from "./session";
import type { Strings } from "./i18n/strings";

export interface StatusBar {
  key: string;
  intent: "error" | "warning" | "info" | "success";
  text: string;
  /** The bar asks the user (insert whole columns?): the pane adds Confirm and Cancel buttons. */
  ask?: boolean;
}

/** The message bars for `state` in the language of `t`. */
export function statusBars(state: SessionState, t: Strings): StatusBar[] {
  const bars: StatusBar[] = [];
  const v = state.validation;
  if (state.error) {
    const next = /AccessDenied|protect/i.test(state.error) ? t.errorProtectedNext : t.errorNextStep;
    bars.push({ key: "error", intent: "error", text: `${t.errorPrefix}${state.error} ${next}` });
  }
  const c = state.columns;
  if (c?.status === "needs-shift")
    bars.push({
      key: "needs-shift",
      intent: "warning",
      text: `${t.needsShift}${c.shiftAt.join(", ")}`,
      ask: true,
    });
  if (c?.status === "ok")
    bars.push({
      key: "columns",
      intent: "success",
      text: `${c.written === "values" ? t.columnsInsertedValues : t.columnsInserted}${c.formulas}${c.insertedColumns > 0 ? ` · ${t.columnsInsertedShift}${c.insertedColumns}` : ""}`,
    });
  if (c?.status === "already-inserted") bars.push({ key: "columns", intent: "warning", text: t.columnsAlready });
  if (c?.status === "no-scored-table" || c?.status === "no-table")
    bars.push({ key: "columns", intent: "info", text: c.status === "no-table" ? t.statusNoTable : t.columnsNoScored });
  if (c?.status === "empty-sheet") bars.push({ key: "columns", intent: "info", text: t.statusEmpty });
  if (c?.status === "protected") bars.push({ key: "columns", intent: "warning", text: t.columnsProtected });
  if (c?.status === "unsupported") bars.push({ key: "columns", intent: "error", text: t.statusUnsupported });
  if (c?.status === "needs-1.9") bars.push({ key: "columns", intent: "warning", text: t.columnsNeeds19 });
  if (c?.status === "write-failed")
    bars.push({ key: "columns", intent: "error", text: `${t.columnsWriteFailed}${c.error ?? ""}` });
  const r = state.removed;
  if (r) {
    if (r.removed > 0) bars.push({ key: "removed", intent: "success", text: `${t.columnsRemoved}${r.removed}` });
    else if (r.status === "protected") bars.push({ key: "removed", intent: "warning", text: t.columnsProtected });
    else if (r.status === "unsupported") bars.push({ key: "removed", intent: "warning", text: t.columnsRemoveNeeds14 });
    else if (r.lost.length === 0) bars.push({ key: "removed", intent: "info", text: t.columnsNothingToRemove });
    if (r.lost.length > 0) bars.push({ key: "lost", intent: "warning", text: `${t.columnsLost}${r.lost.join(", ")}` });
  }
  const x = state.exported;
  if (x?.status === "ok")
    bars.push({
      key: "exported",
      intent: "success",
      text: `${x.updated ? t.exportUpdated : t.exported}${x.sheet} · ${t.exportRows}${x.rows}${x.gone ? ` · ${t.exportGone}${x.gone}` : ""}`,
    });
  if (x?.status === "nothing") bars.push({ key: "exported", intent: "info", text: t.exportNothing });
  if (v?.status === "empty-sheet") bars.push({ key: "empty", intent: "info", text: t.statusEmpty });
  if (v?.status === "own-sheet") bars.push({ key: "own-sheet", intent: "info", text: t.statusOwnSheet });
  if (v?.status === "no-table") bars.push({ key: "no-table", intent: "warning", text: t.statusNoTable });
  if (v?.status === "protected") bars.push({ key: "protected", intent: "warning", text: t.statusProtected });
  if (v?.status === "unsupported") bars.push({ key: "unsupported", intent: "error", text: t.statusUnsupported });
  for (const w of v?.warnings ?? []) {
    if (w === "needs-1.9") bars.push({ key: w, intent: "warning", text: t.warnNeeds19 });
    else if (w === "solid-fills") bars.push({ key: w, intent: "info", text: t.warnSolidFills });
    else if (w === "paper-written") bars.push({ key: w, intent: "info", text: t.warnPaperWritten });
    else if (w === "paper-failed") bars.push({ key: w, intent: "warning", text: t.warnPaperFailed });
    else if (w.startsWith("record-failed:"))
      bars.push({ key: "record-failed", intent: "error", text: `${t.warnRecordFailed} ${w.slice(14)}` });
    // Said by the paper's own bar when the explanations went to the working paper.
    else if (w === "no-notes") {
      if (!v?.warnings.includes("paper-written")) bars.push({ key: w, intent: "info", text: t.warnNoNotes });
    } else if (w.startsWith("foreign-notes:"))
      bars.push({ key: w, intent: "info", text: `${t.warnForeignNotes} ${w.slice(14)}` });
    else if (w.startsWith("protected-sheets:"))
      bars.push({ key: "protected-sheets", intent: "warning", text: `${t.warnProtectedSheets}${w.slice(17)}` });
    else if (w === "record-unreadable") bars.push({ key: w, intent: "error", text: t.warnRecordUnreadable });
    else if (w.startsWith("write-failed:"))
      bars.push({
        key: w,
        intent: "error",
        // Below ExcelApi 1.4 protection cannot be read first: a protected sheet is the likely refusal.
        text: `${t.warnWriteFailed} ${w.slice(13)}${/AccessDenied|protect/i.test(w) ? ` ${t.errorProtectedNext}` : ""}`,
      });
  }
  if (v?.status === "ok" && v.notes === "comment")
    bars.push({ key: "comments", intent: "info", text: t.warnCommentsUsed });
  if (state.cleared !== null) {
    bars.push({
      key: "cleared",
      intent: "success",
      text: state.cleared > 0 ? `${t.clearedCells} ${state.cleared}` : t.nothingToClear,
    });
  }
  return bars;
}

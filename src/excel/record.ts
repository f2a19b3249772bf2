/**
 * The record of what the add-in wrote, kept in the workbook (document settings) so that Clear works
 * after the pane was closed or the workbook reopened.
 */

/** A cell's fill as Excel reports it (Range.getCellProperties, ExcelApi 1.9). */
export interface SavedFill {
  color?: string | null;
  pattern?: string | null;
  patternColor?: string | null;
  tintAndShade?: number | null;
  patternTintAndShade?: number | null;
}

export interface AnnotatedCell {
  /** Plain A1 address on the sheet. */
  address: string;
  /** The fill before the add-in touched the cell; null when it could not be read (restored as no fill). */
  fill: SavedFill | null;
  /** How the explanation was attached: a note (1.18), a threaded comment (1.10) or not at all. */
  note: "note" | "comment" | null;
  /** Threaded comment id, when `note` is "comment". */
  commentId?: string;
  /**
   * The original fill is read in the same request that sets the highlight, so the record saved just
   * before that request cannot hold it yet. If that request fails, the cell stays pending and Clear
   * leaves its fill alone rather than guess it.
   */
  pending?: true;
}

export interface SheetRecord {
  /** Worksheet name when annotated (for messages; the key is the worksheet id). */
  name: string;
  cells: AnnotatedCell[];
}

export interface AnnotationRecord {
  version: 1;
  /** By worksheet id. */
  sheets: Record<string, SheetRecord>;
}

/** Where the record lives. The Office implementation uses document settings; tests use memory. */
export interface AnnotationStore {
  load(): AnnotationRecord | null;
  save(record: AnnotationRecord | null): Promise<void>;
}

export const SETTINGS_KEY = "disclosure-check.annotations";

/** Checks the shape of a stored record; anything else is treated as no record. */
export function asRecord(value: unknown): AnnotationRecord | null {
  if (!value || typeof value !== "object") return null;
  const v = value as AnnotationRecord;
  if (v.version !== 1 || !v.sheets || typeof v.sheets !== "object") return null;
  return v;
}

/** An in-memory store of any record (tests, simulated host); `saved` counts the saves. */
export function memoryStore<T = AnnotationRecord>(
  initial: T | null = null,
): { load(): T | null; save(record: T | null): Promise<void>; saved: number } {
  const copy = (r: T | null) => (r ? (JSON.parse(JSON.stringify(r)) as T) : null);
  let current = copy(initial);
  const store = {
    saved: 0,
    load: () => copy(current),
    save: async (r: T | null) => {
      current = copy(r);
      store.saved++;
    },
  };
  return store;
}

/**
 * Writes one document setting (null removes it) and saves the settings with the workbook
 * (Office.context.document.settings, saveAsync). No context.sync involved.
 * Throws (rejects): Error with Office's message when the save fails.
 */
export function saveSetting(settings: Office.Settings, key: string, value: unknown): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (value === null || value === undefined) settings.remove(key);
    else settings.set(key, value);
    settings.saveAsync((r) =>
      r.status === Office.AsyncResultStatus.Failed ? reject(new Error(r.error.message)) : resolve(),
    );
  });
}

/**
 * The record in Office document settings (Office.context.document.settings): read synchronously from
 * the settings loaded with the document, written with saveAsync. No context.sync involved.
 */
export function officeSettingsStore(settings: Office.Settings): AnnotationStore {
  return {
    load: () => asRecord(settings.get(SETTINGS_KEY)),
    save: (record) =>
      saveSetting(settings, SETTINGS_KEY, record && Object.keys(record.sheets).length > 0 ? record : null),
  };
}

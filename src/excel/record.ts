/**
 * The record of what the add-in wrote, kept in the workbook (document settings, or a custom XML part when
 * it outgrows them) so that Clear works after the pane was closed or the workbook reopened.
 */
import { jsonBytes } from "./payload";

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

/**
 * Where the record lives. The Office implementation uses document settings, and a custom XML part for a
 * record too large for them; tests use memory.
 */
export interface AnnotationStore {
  /**
   * Reads a record kept outside document settings, on the request context the validation or Clear runs
   * on (one or two syncs, only when the settings point to a part); later saves use the same context.
   * Call before `load`. Stores without one (memory) need no call.
   */
  open?(context: Excel.RequestContext): Promise<void>;
  load(): AnnotationRecord | null;
  save(record: AnnotationRecord | null): Promise<void>;
  /**
   * True when the workbook holds a record this Excel cannot read (a custom XML part, below ExcelApi 1.5):
   * nothing may then be written or cleared, or the highlights already there would be taken for the
   * user's own fills. After `open`.
   */
  unreadable?(): boolean;
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
 * The UTF-8 JSON size above which the record leaves document settings for a custom XML part (ExcelApi
 * 1.5). Microsoft documents no limit for settings; a user reports saves failing near 1 MB on Excel 2021
 * (office-js#3957), and the settings also hold the columns record, the profile choice and the layouts.
 * At about 46 bytes per highlighted cell this is some 5,600 highlights.
 */
export const SETTINGS_RECORD_LIMIT = 256 * 1024;

/** The record is in a custom XML part and this Excel (below ExcelApi 1.5) cannot read or replace it. */
export class RecordUnreadable extends Error {
  constructor() {
    super("The annotation record is in a custom XML part, which needs ExcelApi 1.5.");
    this.name = "RecordUnreadable";
  }
}

/** The namespace of the custom XML part holding a large record. */
export const RECORD_XML_NAMESPACE = "urn:disclosure-check:annotations:1";

/** What document settings hold when the record is in a custom XML part: the part's id. */
interface PartPointer {
  version: 1;
  part: string;
}

function asPointer(value: unknown): PartPointer | null {
  const v = value as PartPointer | null;
  return v && typeof v === "object" && v.version === 1 && typeof v.part === "string" ? v : null;
}

/** The record as the custom XML part's text: its JSON, XML-escaped, in one element of our namespace. */
export function recordToXml(record: AnnotationRecord): string {
  const text = JSON.stringify(record).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return `<?xml version="1.0" encoding="UTF-8"?><annotations xmlns="${RECORD_XML_NAMESPACE}">${text}</annotations>`;
}

/**
 * The record in a custom XML part's text (as CustomXmlPart.getXml returns it, whatever entities Excel
 * chose when it serialised the part), or null when the text is not one of ours or its record is unreadable.
 */
export function recordFromXml(xml: string): AnnotationRecord | null {
  const m = /<(?:\w+:)?annotations\b[^>]*>([\s\S]*)<\/(?:\w+:)?annotations>/.exec(xml);
  if (!m || !m[0].includes(RECORD_XML_NAMESPACE)) return null;
  const text = m[1]
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_all, cdata: string) =>
      cdata.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"),
    )
    .replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (_all, e: string) => {
      const k = e.toLowerCase();
      if (k === "lt") return "<";
      if (k === "gt") return ">";
      if (k === "amp") return "&";
      if (k === "quot") return '"';
      if (k === "apos") return "'";
      return String.fromCodePoint(k.startsWith("#x") ? parseInt(k.slice(2), 16) : parseInt(k.slice(1), 10));
    });
  try {
    return asRecord(JSON.parse(text));
  } catch {
    return null;
  }
}

/**
 * The record in the workbook. Up to `limit` bytes of JSON it is a document setting
 * (Office.context.document.settings: read synchronously, written with saveAsync). A larger record, on a
 * host with custom XML parts (ExcelApi 1.5), goes into a custom XML part, and the setting holds the
 * part's id; without them it stays in the settings (a save that fails there stops the write before
 * anything is highlighted: "record-failed"). Each save writes the new place first and removes the old
 * one after, so a record is always there to clear from.
 * Inputs: the settings; the capabilities (customXml); the limit (tests set a small one).
 * `open(context)` must run first in each request context when a part may be in use: it reads the part
 * (two syncs) and binds the context for saves. Without it, `load` sees only a record kept in settings.
 */
export function officeSettingsStore(
  settings: Office.Settings,
  caps: { customXml: boolean } = { customXml: false },
  limit = SETTINGS_RECORD_LIMIT,
): AnnotationStore {
  let bound: Excel.RequestContext | null = null;
  let fromPart: AnnotationRecord | null = null;
  const pointer = () => asPointer(settings.get(SETTINGS_KEY));
  /** Removes the record's earlier part. Best effort: the new record is already saved, so a failure only leaves an unused part. */
  const removePart = async (context: Excel.RequestContext, id: string) => {
    try {
      const part = context.workbook.customXmlParts.getItemOrNullObject(id);
      part.load("id");
      await context.sync();
      if (part.isNullObject) return;
      part.delete();
      await context.sync();
    } catch (e) {
      console.error("disclosure-check: removing the earlier record part failed", e);
    }
  };
  return {
    async open(context) {
      bound = context;
      fromPart = null;
      const p = pointer();
      if (!p || !caps.customXml) return;
      const part = context.workbook.customXmlParts.getItemOrNullObject(p.part);
      part.load("id");
      await context.sync();
      if (part.isNullObject) return; // removed outside the add-in: no record to clear from
      const xml = part.getXml();
      await context.sync();
      fromPart = recordFromXml(xml.value);
    },
    load: () => (pointer() ? fromPart : asRecord(settings.get(SETTINGS_KEY))),
    unreadable: () => !!pointer() && !caps.customXml,
    async save(record) {
      const old = pointer();
      if (old && !caps.customXml) throw new RecordUnreadable();
      const context = caps.customXml ? bound : null;
      const keep = record && Object.keys(record.sheets).length > 0 ? record : null;
      if (keep && context && jsonBytes(keep) > limit) {
        const part = context.workbook.customXmlParts.add(recordToXml(keep));
        part.load("id");
        await context.sync();
        await saveSetting(settings, SETTINGS_KEY, { version: 1, part: part.id } satisfies PartPointer);
        fromPart = keep;
      } else {
        await saveSetting(settings, SETTINGS_KEY, keep);
        fromPart = null;
      }
      if (old && context) await removePart(context, old.part);
    },
  };
}

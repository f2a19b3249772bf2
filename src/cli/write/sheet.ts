/**
 * Changes to one worksheet part, made on its XML text so that everything else in it stays as it was:
 * a cell's style index, a value written into an empty cell, and the legacyDrawing element that links
 * the sheet's notes. Rows and cells without an `r` attribute are placed by position, as Excel does.
 */
import { columnLetters } from "../../rules/address";
import { attr, esc, rootPrefix, setAttr } from "./package";

/** A value to write into an empty cell. */
export type NewValue =
  { kind: "number"; value: number } | { kind: "string"; value: string } | { kind: "error"; value: string };

interface CellEdit {
  /** The style index the cell gets, from its current one. */
  style?: (current: number) => number;
  value?: NewValue;
}

const colIndex = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;

function parseRef(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(ref.toUpperCase());
  return m ? { row: Number(m[2]) - 1, col: colIndex(m[1]) } : null;
}

/** True when a cell element holds a value, a formula or an inline string (it is not empty). */
function hasContent(cell: string): boolean {
  return /<(?:[\w.-]+:)?(v|f|is)\b/.test(cell);
}

/** Edits of one sheet part, applied in one pass by `apply`. */
export class SheetEdits {
  private readonly edits = new Map<number, Map<number, CellEdit>>();
  /** Cells that refused a value because they were not empty (row, col). */
  readonly occupied: Array<{ row: number; col: number }> = [];
  private legacyDrawingId: string | null = null;

  private edit(row: number, col: number): CellEdit {
    let r = this.edits.get(row);
    if (!r) this.edits.set(row, (r = new Map()));
    let e = r.get(col);
    if (!e) r.set(col, (e = {}));
    return e;
  }

  /** Sets a cell's style from its current one (0-based row and column). */
  restyle(row: number, col: number, style: (current: number) => number): void {
    const e = this.edit(row, col);
    const before = e.style;
    e.style = before ? (s) => style(before(s)) : style;
  }

  /** Writes a value into a cell that must be empty; a cell that is not is left alone and listed in `occupied`. */
  write(row: number, col: number, value: NewValue, style?: (current: number) => number): void {
    const e = this.edit(row, col);
    e.value = value;
    if (style) this.restyle(row, col, style);
  }

  /** Links the sheet to its legacy drawing (the VML that shows its notes) by relationship id. */
  linkLegacyDrawing(id: string): void {
    this.legacyDrawingId = id;
  }

  /** The sheet's XML with every edit made. */
  apply(xml: string): string {
    const p = rootPrefix(xml);
    let out = xml;
    if (this.edits.size > 0) out = this.applyCells(out, p);
    if (this.legacyDrawingId) out = this.applyLegacyDrawing(out, p);
    return out;
  }

  private applyCells(xml: string, p: string): string {
    const open = new RegExp(`<${p}sheetData\\b[^>]*?(/>|>)`).exec(xml);
    if (!open) return xml;
    const start = open.index + open[0].length;
    const selfClosing = open[1] === "/>";
    const end = selfClosing ? start : xml.indexOf(`</${p}sheetData>`, start);
    const body = selfClosing ? "" : xml.slice(start, end);
    const pending = new Map(this.edits);
    const rowRe = new RegExp(`<${p}row\\b[^>]*?(?:/>|>[\\s\\S]*?</${p}row>)`, "g");
    let prev = -1;
    let outBody = "";
    let last = 0;
    for (const m of body.matchAll(rowRe)) {
      const tag = /^<[^>]*?\/?>/.exec(m[0])![0];
      const r = attr(tag, "r");
      const index = r ? Number(r) - 1 : prev + 1;
      prev = index;
      // New rows that come before this one.
      const before = [...pending.keys()].filter((k) => k < index).sort((a, b) => a - b);
      outBody += body.slice(last, m.index);
      for (const k of before) {
        outBody += this.newRow(k, pending.get(k)!, p);
        pending.delete(k);
      }
      const edits = pending.get(index);
      outBody += edits ? this.editRow(m[0], index, edits, p) : m[0];
      pending.delete(index);
      last = m.index! + m[0].length;
    }
    outBody += body.slice(last);
    for (const k of [...pending.keys()].sort((a, b) => a - b)) outBody += this.newRow(k, pending.get(k)!, p);
    if (selfClosing) {
      return `${xml.slice(0, open.index)}${open[0].replace(/\/>$/, ">")}${outBody}</${p}sheetData>${xml.slice(start)}`;
    }
    return xml.slice(0, start) + outBody + xml.slice(end);
  }

  private newCell(row: number, col: number, e: CellEdit, p: string): string {
    const ref = `${columnLetters(col)}${row + 1}`;
    const s = e.style ? ` s="${e.style(0)}"` : "";
    if (!e.value) return `<${p}c r="${ref}"${s}/>`;
    return this.valueCell(`<${p}c r="${ref}"${s}>`, e.value, p);
  }

  private valueCell(openTag: string, v: NewValue, p: string): string {
    const tag = openTag.replace(/\s+t\s*=\s*("[^"]*"|'[^']*')/, "").replace(/\s*\/>$/, ">");
    if (v.kind === "number") return `${tag}<${p}v>${Number.isFinite(v.value) ? v.value : 0}</${p}v></${p}c>`;
    if (v.kind === "error") return `${setAttr(tag, "t", "e")}<${p}v>${esc(v.value)}</${p}v></${p}c>`;
    return `${setAttr(tag, "t", "inlineStr")}<${p}is><${p}t xml:space="preserve">${esc(v.value)}</${p}t></${p}is></${p}c>`;
  }

  private newRow(row: number, edits: Map<number, CellEdit>, p: string): string {
    const cells = [...edits.entries()].sort((a, b) => a[0] - b[0]).map(([c, e]) => this.newCell(row, c, e, p));
    return `<${p}row r="${row + 1}">${cells.join("")}</${p}row>`;
  }

  private editRow(rowXml: string, row: number, edits: Map<number, CellEdit>, p: string): string {
    const openTag = /^<[^>]*?\/?>/.exec(rowXml)![0];
    const selfClosing = openTag.endsWith("/>");
    const body = selfClosing ? "" : rowXml.slice(openTag.length, rowXml.length - `</${p}row>`.length);
    const pending = new Map(edits);
    const cellRe = new RegExp(`<${p}c\\b[^>]*?(?:/>|>[\\s\\S]*?</${p}c>)`, "g");
    let prev = -1;
    let out = "";
    let last = 0;
    for (const m of body.matchAll(cellRe)) {
      const tag = /^<[^>]*?\/?>/.exec(m[0])![0];
      const r = attr(tag, "r");
      const col = r ? (parseRef(r)?.col ?? prev + 1) : prev + 1;
      prev = col;
      out += body.slice(last, m.index);
      for (const k of [...pending.keys()].filter((c) => c < col).sort((a, b) => a - b)) {
        out += this.newCell(row, k, pending.get(k)!, p);
        pending.delete(k);
      }
      const e = pending.get(col);
      if (e) {
        let cell = m[0];
        if (e.style) {
          const current = Number(attr(tag, "s") ?? 0);
          const newTag = setAttr(tag, "s", String(e.style(current)));
          cell = newTag + cell.slice(tag.length);
        }
        if (e.value) {
          if (hasContent(cell)) this.occupied.push({ row, col });
          else cell = this.valueCell(/^<[^>]*?\/?>/.exec(cell)![0], e.value, p);
        }
        out += cell;
        pending.delete(col);
      } else out += m[0];
      last = m.index! + m[0].length;
    }
    out += body.slice(last);
    for (const k of [...pending.keys()].sort((a, b) => a - b)) out += this.newCell(row, k, pending.get(k)!, p);
    const open = selfClosing ? openTag.replace(/\s*\/>$/, ">") : openTag;
    // A row that lists its cells' span no longer covers a cell written beyond it: drop the hint.
    return `${open.replace(/\s+spans\s*=\s*("[^"]*"|'[^']*')/, "")}${out}</${p}row>`;
  }

  /** Adds <legacyDrawing r:id=…/> in its place in the sequence of CT_Worksheet (ECMA-376 §18.3.1.99). */
  private applyLegacyDrawing(xml: string, p: string): string {
    if (new RegExp(`<${p}legacyDrawing\\b`).test(xml)) return xml;
    const rns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    const bound = new RegExp(`xmlns:([\\w.-]+)\\s*=\\s*["']${rns.replace(/[./]/g, (c) => "\\" + c)}["']`).exec(xml);
    const element = bound
      ? `<${p}legacyDrawing ${bound[1]}:id="${this.legacyDrawingId}"/>`
      : `<${p}legacyDrawing xmlns:r="${rns}" r:id="${this.legacyDrawingId}"/>`;
    // Elements that must come after legacyDrawing.
    const after = [
      "legacyDrawingHF",
      "drawingHF",
      "picture",
      "oleObjects",
      "controls",
      "webPublishItems",
      "tableParts",
      "extLst",
    ];
    let pos = -1;
    for (const name of after) {
      const i = xml.search(new RegExp(`<${p}${name}\\b`));
      if (i >= 0 && (pos < 0 || i < pos)) pos = i;
    }
    if (pos < 0) pos = xml.search(new RegExp(`</${p}worksheet>\\s*$`));
    return xml.slice(0, pos) + element + xml.slice(pos);
  }
}

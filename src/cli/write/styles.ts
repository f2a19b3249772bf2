/**
 * New cell formats in a workbook's styles part, appended after the existing ones so that every existing
 * style index keeps its meaning: a flagged cell gets a copy of its own format with a solid fill, a
 * recomputed value a copy of its neighbour's format with a number format, a header a bold font.
 */
import { attr, CONTENT_TYPE, esc, OoxmlPackage, REL, rootPrefix, setAttr } from "./package";

const MINIMAL_STYLES = (p: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${p}styleSheet xmlns${p ? ":" + p.slice(0, -1) : ""}="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
  `<${p}fonts count="1"><${p}font><${p}sz val="11"/><${p}name val="Calibri"/></${p}font></${p}fonts>` +
  `<${p}fills count="2"><${p}fill><${p}patternFill patternType="none"/></${p}fill><${p}fill><${p}patternFill patternType="gray125"/></${p}fill></${p}fills>` +
  `<${p}borders count="1"><${p}border><${p}left/><${p}right/><${p}top/><${p}bottom/><${p}diagonal/></${p}border></${p}borders>` +
  `<${p}cellStyleXfs count="1"><${p}xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></${p}cellStyleXfs>` +
  `<${p}cellXfs count="1"><${p}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></${p}cellXfs>` +
  `</${p}styleSheet>`;

/** Built-in number formats (ECMA-376 Part 1 §18.8.30) the recomputed columns use. */
const BUILT_IN: Record<string, number> = { General: 0, "0": 1, "0.00": 2, "0%": 9, "0.00%": 10 };

interface Collection {
  /** The collection element's open tag, its items and its close tag, as found. */
  open: string;
  items: string[];
  close: string;
}

/** Changes to a workbook's styles part, written back once with `flush`. */
export class StyleBook {
  private xml: string;
  private readonly p: string;
  private readonly cache = new Map<string, number>();
  private readonly part: string;

  constructor(
    private readonly pkg: OoxmlPackage,
    workbookPart: string,
  ) {
    const rel = pkg.rels(workbookPart).find((r) => r.type === REL.styles);
    const dir = workbookPart.split("/").slice(0, -1).join("/");
    let part = rel ? (rel.target.startsWith("/") ? rel.target.slice(1) : `${dir}/${rel.target}`) : "";
    let xml = part ? pkg.text(part) : undefined;
    if (!xml) {
      const wp = rootPrefix(pkg.text(workbookPart) ?? "");
      part = pkg.freeName((k) => `${dir}/styles${k === 1 ? "" : k}.xml`);
      xml = MINIMAL_STYLES(wp);
      pkg.addRel(workbookPart, REL.styles, part);
      pkg.declare(part, CONTENT_TYPE.styles);
    }
    this.part = part;
    this.xml = xml;
    this.p = rootPrefix(xml);
  }

  /** The items of a collection element (fills, fonts, cellXfs, numFmts); created when missing. */
  private collection(name: string, item: string, before: string[]): Collection {
    const p = this.p;
    const re = new RegExp(`<${p}${name}\\b[^>]*?(/>|>([\\s\\S]*?)</${p}${name}>)`);
    let m = re.exec(this.xml);
    if (!m) {
      // Insert an empty collection before the first of the elements that must follow it.
      const at = before.map((b) => this.xml.search(new RegExp(`<${p}${b}\\b`))).filter((i) => i >= 0);
      const pos = at.length ? Math.min(...at) : this.xml.search(new RegExp(`</${p}styleSheet>`));
      this.xml = `${this.xml.slice(0, pos)}<${p}${name} count="0"></${p}${name}>${this.xml.slice(pos)}`;
      m = re.exec(this.xml)!;
    }
    const openTag = /^<[^>]*?\/?>/.exec(m[0])![0];
    const body = m[2] ?? "";
    const items = [...body.matchAll(new RegExp(`<${p}${item}\\b[^>]*?(/>|>[\\s\\S]*?</${p}${item}>)`, "g"))].map(
      (x) => x[0],
    );
    return { open: openTag.replace(/\/>$/, ">"), items, close: `</${p}${name}>` };
  }

  private replaceCollection(name: string, c: Collection): void {
    const p = this.p;
    const re = new RegExp(`<${p}${name}\\b[^>]*?(/>|>([\\s\\S]*?)</${p}${name}>)`);
    const open = setAttr(c.open, "count", String(c.items.length));
    this.xml = this.xml.replace(re, () => `${open}${c.items.join("")}${c.close}`);
  }

  private appendItem(name: string, item: string, xml: string, before: string[]): number {
    const c = this.collection(name, item, before);
    c.items.push(xml);
    this.replaceCollection(name, c);
    return c.items.length - 1;
  }

  private cellXf(index: number): string {
    const xfs = this.collection("cellXfs", "xf", ["cellStyles", "dxfs", "tableStyles", "colors", "extLst"]).items;
    return xfs[index] ?? xfs[0] ?? `<${this.p}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`;
  }

  private addXf(xf: string): number {
    return this.appendItem("cellXfs", "xf", xf, ["cellStyles", "dxfs", "tableStyles", "colors", "extLst"]);
  }

  /**
   * The format of cell style `style` with a solid fill of `rgb` ("FFC7CE"), added once per pair.
   * Output: the new style index.
   */
  withFill(style: number, rgb: string): number {
    const key = `fill:${style}:${rgb}`;
    const known = this.cache.get(key);
    if (known !== undefined) return known;
    const p = this.p;
    const fillId = this.appendItem(
      "fills",
      "fill",
      `<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="FF${rgb}"/><${p}bgColor indexed="64"/></${p}patternFill></${p}fill>`,
      ["borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs", "tableStyles", "colors", "extLst"],
    );
    let xf = this.cellXf(style);
    const open = /^<[^>]*?\/?>/.exec(xf)![0];
    const newOpen = setAttr(setAttr(open, "fillId", String(fillId)), "applyFill", "1");
    xf = xf.replace(open, newOpen);
    const id = this.addXf(xf);
    this.cache.set(key, id);
    return id;
  }

  /** The format of `style` with number format `code` (built-in where one exists). */
  withNumberFormat(style: number, code: string): number {
    const key = `nf:${style}:${code}`;
    const known = this.cache.get(key);
    if (known !== undefined) return known;
    let id = BUILT_IN[code];
    if (id === undefined) {
      const c = this.collection("numFmts", "numFmt", ["fonts", "fills", "borders", "cellStyleXfs", "cellXfs"]);
      const existing = c.items.find((x) => attr(x, "formatCode") === code);
      if (existing) id = Number(attr(existing, "numFmtId"));
      else {
        id = Math.max(163, ...c.items.map((x) => Number(attr(x, "numFmtId")) || 0)) + 1;
        c.items.push(`<${this.p}numFmt numFmtId="${id}" formatCode="${esc(code)}"/>`);
        this.replaceCollection("numFmts", c);
      }
    }
    let xf = this.cellXf(style);
    const open = /^<[^>]*?\/?>/.exec(xf)![0];
    xf = xf.replace(open, setAttr(setAttr(open, "numFmtId", String(id)), "applyNumberFormat", "1"));
    const out = this.addXf(xf);
    this.cache.set(key, out);
    return out;
  }

  /** The format of `style` with its font made bold. */
  bold(style: number): number {
    const key = `bold:${style}`;
    const known = this.cache.get(key);
    if (known !== undefined) return known;
    const p = this.p;
    let xf = this.cellXf(style);
    const open = /^<[^>]*?\/?>/.exec(xf)![0];
    const fonts = this.collection("fonts", "font", ["fills", "borders", "cellStyleXfs", "cellXfs"]).items;
    const base = fonts[Number(attr(open, "fontId") ?? 0)] ?? fonts[0] ?? `<${p}font><${p}sz val="11"/></${p}font>`;
    const boldFont = /<(?:[\w.-]+:)?b\b/.test(base)
      ? base
      : base
          .replace(new RegExp(`^<${p}font\\b[^>]*?>`), (m) => `${m}<${p}b/>`)
          .replace(/^<([\w.-]+:)?font\s*\/>$/, `<${p}font><${p}b/></${p}font>`);
    const fontId = this.appendItem("fonts", "font", boldFont, ["fills", "borders", "cellStyleXfs", "cellXfs"]);
    xf = xf.replace(open, setAttr(setAttr(open, "fontId", String(fontId)), "applyFont", "1"));
    const out = this.addXf(xf);
    this.cache.set(key, out);
    return out;
  }

  /** The format of `style` with its text wrapped and aligned to the top of the cell. */
  wrapped(style: number): number {
    const key = `wrap:${style}`;
    const known = this.cache.get(key);
    if (known !== undefined) return known;
    const p = this.p;
    let xf = this.cellXf(style).replace(new RegExp(`<${p}alignment\\b[^>]*/>`), "");
    const open = /^<[^>]*?\/?>/.exec(xf)![0];
    const newOpen = setAttr(open.replace(/\/>$/, ">"), "applyAlignment", "1");
    const alignment = `<${p}alignment vertical="top" wrapText="1"/>`;
    xf = open.endsWith("/>") ? `${newOpen}${alignment}</${p}xf>` : xf.replace(open, `${newOpen}${alignment}`);
    const out = this.addXf(xf);
    this.cache.set(key, out);
    return out;
  }

  /** Writes the styles part back (only when something was added). */
  flush(): void {
    if (this.cache.size > 0) this.pkg.setText(this.part, this.xml);
  }
}

/**
 * An OOXML package (an .xlsx is a zip of XML parts) changed part by part: every part that is not
 * changed is written back with exactly the bytes it had, so charts, images, drawings, protection, data
 * validation, conditional formats, defined names, threaded comments, custom XML and anything this tool
 * does not know survive an annotated copy unchanged. fflate does the zip work.
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from "fflate";

export const NS = {
  main: "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
  rel: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  pkgRel: "http://schemas.openxmlformats.org/package/2006/relationships",
  contentTypes: "http://schemas.openxmlformats.org/package/2006/content-types",
};

export const REL = {
  worksheet: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet",
  styles: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles",
  comments: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments",
  vmlDrawing: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing",
  officeDocument: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
};

export const CONTENT_TYPE = {
  worksheet: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
  styles: "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
  comments: "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml",
  vml: "application/vnd.openxmlformats-officedocument.vmlDrawing",
};

/** Escapes text for XML content and attribute values. */
export function esc(s: string): string {
  return (
    s
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      // Characters XML 1.0 cannot hold (control characters other than tab, line feed, carriage return).
      // eslint-disable-next-line no-control-regex -- these control characters are exactly what is removed
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
  );
}

/** Reads an attribute of a start tag (any prefix on the attribute is ignored). */
export function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s(?:[\\w.-]+:)?${name}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(tag);
  return m ? (m[2] ?? m[3]) : undefined;
}

/** A start tag with an attribute set (replaced where present, else added before the tag's end). */
export function setAttr(tag: string, name: string, value: string): string {
  const re = new RegExp(`(\\s${name}\\s*=\\s*)("[^"]*"|'[^']*')`);
  if (re.test(tag)) return tag.replace(re, `$1"${esc(value)}"`);
  return tag.replace(/\s*(\/?)>$/, ` ${name}="${esc(value)}"$1>`);
}

/** The namespace prefix the root element of a part uses ("" when unprefixed, "x:" for <x:worksheet …>). */
export function rootPrefix(xml: string): string {
  const m = /<([\w.-]+:)?[\w.-]+[\s>]/.exec(xml.replace(/^\uFEFF?<\?xml[^>]*\?>/, "").replace(/<!--[\s\S]*?-->/g, ""));
  return m?.[1] ?? "";
}

/** The prefix bound to a namespace in a part's root element, or null when it is not declared. */
export function prefixOf(xml: string, ns: string): string | null {
  const m = new RegExp(`xmlns:([\\w.-]+)\\s*=\\s*["']${ns.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}["']`).exec(xml);
  return m ? m[1] : null;
}

export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

/** The relationships part of a part: `xl/worksheets/sheet1.xml` → `xl/worksheets/_rels/sheet1.xml.rels`. */
export function relsPathOf(part: string): string {
  const i = part.lastIndexOf("/");
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

/** Resolves a relationship target against the part that holds it (`../comments1.xml`, `/xl/x.xml`). */
export function resolveTarget(fromPart: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const base = fromPart.split("/").slice(0, -1);
  for (const seg of target.split("/")) {
    if (seg === "..") base.pop();
    else if (seg !== "." && seg !== "") base.push(seg);
  }
  return base.join("/");
}

/** A target for a part relative to the part that points at it (`xl/worksheets/sheet1.xml` → `../comments1.xml`). */
export function relativeTarget(fromPart: string, toPart: string): string {
  const from = fromPart.split("/").slice(0, -1);
  const to = toPart.split("/");
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  return [...from.slice(i).map(() => ".."), ...to.slice(i)].join("/");
}

/** The zip's parts, read once; changed parts are replaced, new parts appended, the others kept as they were. */
export class OoxmlPackage {
  private readonly names: string[];
  private readonly parts: Map<string, Uint8Array>;
  /** Lower-case name → name as stored (zip names are case-sensitive, OOXML part names are not). */
  private readonly folded: Map<string, string>;
  readonly changed = new Set<string>();

  constructor(data: Uint8Array) {
    const files = unzipSync(data);
    this.names = Object.keys(files);
    this.parts = new Map(this.names.map((n) => [n, files[n]]));
    this.folded = new Map(this.names.map((n) => [n.toLowerCase(), n]));
  }

  /** The stored name of a part (case-insensitive), or undefined. */
  find(name: string): string | undefined {
    return this.folded.get(name.replace(/^\//, "").toLowerCase());
  }

  has(name: string): boolean {
    return this.find(name) !== undefined;
  }

  /** The bytes of a part, unchanged. */
  bytes(name: string): Uint8Array | undefined {
    const n = this.find(name);
    return n === undefined ? undefined : this.parts.get(n);
  }

  /** A part as text (UTF-8, or UTF-16 with its byte order mark). */
  text(name: string): string | undefined {
    const b = this.bytes(name);
    if (!b) return undefined;
    if (b[0] === 0xff && b[1] === 0xfe) return new TextDecoder("utf-16le").decode(b.subarray(2));
    if (b[0] === 0xfe && b[1] === 0xff) return new TextDecoder("utf-16be").decode(b.subarray(2));
    return strFromU8(b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? b.subarray(3) : b);
  }

  /** Replaces a part's content (or adds the part), written as UTF-8. */
  setText(name: string, text: string): void {
    const stored = this.find(name) ?? name.replace(/^\//, "");
    if (!this.parts.has(stored)) {
      this.names.push(stored);
      this.folded.set(stored.toLowerCase(), stored);
    }
    this.parts.set(stored, strToU8(text.replace(/^(<\?xml[^>]*?)encoding=["']UTF-16["']/i, '$1encoding="UTF-8"')));
    this.changed.add(stored);
  }

  /** A part name not yet taken: `xl/comments1.xml`, `xl/comments2.xml` … */
  freeName(pattern: (k: number) => string): string {
    for (let k = 1; ; k++) if (!this.has(pattern(k))) return pattern(k);
  }

  /** Every part name, in the package's order. */
  list(): string[] {
    return [...this.names];
  }

  /** The package as zip bytes: the parts in their original order, new ones at the end. */
  write(): Uint8Array {
    const z: Zippable = {};
    for (const n of this.names) {
      const data = this.parts.get(n)!;
      // Already-compressed media are stored; XML is deflated.
      z[n] = [data, { level: /\.(png|jpe?g|gif|emf|wmf|bin|zip)$/i.test(n) ? 0 : 6 }];
    }
    return zipSync(z);
  }

  // ——— relationships and content types

  /** The relationships of a part. */
  rels(part: string): Relationship[] {
    const xml = this.text(relsPathOf(part));
    if (!xml) return [];
    const out: Relationship[] = [];
    for (const m of xml.matchAll(/<(?:[\w.-]+:)?Relationship\b[^>]*>/g)) {
      const tag = m[0];
      out.push({
        id: attr(tag, "Id") ?? "",
        type: attr(tag, "Type") ?? "",
        target: attr(tag, "Target") ?? "",
        external: (attr(tag, "TargetMode") ?? "") === "External",
      });
    }
    return out;
  }

  /** Adds a relationship from `part` to `target` (a part name); returns its new Id. */
  addRel(part: string, type: string, target: string): string {
    const path = relsPathOf(part);
    const existing = this.rels(part);
    const ids = new Set(existing.map((r) => r.id));
    let k = existing.length + 1;
    while (ids.has(`rId${k}`)) k++;
    const id = `rId${k}`;
    const rel = `<Relationship Id="${id}" Type="${type}" Target="${esc(relativeTarget(part, target))}"/>`;
    const xml = this.text(path);
    if (!xml) {
      this.setText(
        path,
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS.pkgRel}">${rel}</Relationships>`,
      );
    } else {
      const p = rootPrefix(xml);
      const r = p ? rel.replace("<Relationship ", `<${p}Relationship `) : rel;
      this.setText(path, xml.replace(new RegExp(`</${p}Relationships>\\s*$`), `${r}</${p}Relationships>`));
    }
    return id;
  }

  /** Declares a part's content type (an Override), unless it is already declared. */
  declare(part: string, contentType: string): void {
    const xml =
      this.text("[Content_Types].xml") ??
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="${NS.contentTypes}"></Types>`;
    const name = "/" + part.replace(/^\//, "");
    if (new RegExp(`PartName=["']${name.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}["']`, "i").test(xml)) return;
    const p = rootPrefix(xml);
    this.setText(
      "[Content_Types].xml",
      xml.replace(
        new RegExp(`</${p}Types>\\s*$`),
        `<${p}Override PartName="${esc(name)}" ContentType="${contentType}"/></${p}Types>`,
      ),
    );
  }

  /** Declares a default content type for an extension (vml), unless it is already declared. */
  declareDefault(extension: string, contentType: string): void {
    const xml = this.text("[Content_Types].xml") ?? "";
    if (new RegExp(`Extension=["']${extension}["']`, "i").test(xml)) return;
    const p = rootPrefix(xml);
    this.setText(
      "[Content_Types].xml",
      xml.replace(
        new RegExp(`</${p}Types>\\s*$`),
        `<${p}Default Extension="${extension}" ContentType="${contentType}"/></${p}Types>`,
      ),
    );
  }
}

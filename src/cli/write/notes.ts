/**
 * Notes (Excel's legacy comments) on a worksheet: the comments part with the texts and the VML drawing
 * that shows them. A cell that already has a note keeps it, with ours appended below a rule line, as the
 * add-in does; checking an annotated copy again replaces our earlier notes instead of adding to them;
 * notes of other cells, the sheet's threaded comments and its form controls are untouched.
 */
import { columnLetters } from "../../rules/address";
import { CONTENT_TYPE, esc, OoxmlPackage, REL, resolveTarget, rootPrefix } from "./package";
import type { SheetEdits } from "./sheet";

const AUTHOR = "disclosure-check";
const SEPARATOR = "\n———\n";

function commentsXml(authors: string[], comments: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors>${authors
      .map((a) => `<author>${esc(a)}</author>`)
      .join("")}</authors><commentList>${comments}</commentList></comments>`
  );
}

const VML_HEAD =
  `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">` +
  `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout>` +
  `<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">` +
  `<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>`;

function vmlShape(id: number, row: number, col: number): string {
  return (
    `<v:shape id="_x0000_s${id}" type="#_x0000_t202" style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:240pt;height:120pt;z-index:${id};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
    `<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>` +
    `<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>` +
    `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/>` +
    `<x:Anchor>${col + 1}, 15, ${row}, 2, ${col + 4}, 15, ${row + 6}, 4</x:Anchor>` +
    `<x:AutoFill>False</x:AutoFill><x:Row>${row}</x:Row><x:Column>${col}</x:Column></x:ClientData></v:shape>`
  );
}

/**
 * Adds notes to a worksheet part. Inputs: the package, the sheet part, the sheet's edits (for its
 * legacyDrawing link), and the notes by cell (0-based row, column). Output: how many notes were written.
 */
export function addNotes(
  pkg: OoxmlPackage,
  sheetPart: string,
  edits: SheetEdits,
  notes: Array<{ row: number; col: number; text: string }>,
): number {
  if (notes.length === 0) return 0;
  const rels = pkg.rels(sheetPart);
  const commentsRel = rels.find((r) => r.type === REL.comments);
  const vmlRel = rels.find((r) => r.type === REL.vmlDrawing);
  const dir = sheetPart.split("/").slice(0, -2).join("/"); // xl
  // ——— the comments part
  let commentsPart = commentsRel ? resolveTarget(sheetPart, commentsRel.target) : "";
  let xml = commentsPart ? pkg.text(commentsPart) : undefined;
  if (!xml) {
    commentsPart = pkg.freeName((k) => `${dir}/comments${k}.xml`);
    xml = commentsXml([AUTHOR], "");
    pkg.addRel(sheetPart, REL.comments, commentsPart);
    pkg.declare(commentsPart, CONTENT_TYPE.comments);
  }
  const p = rootPrefix(xml);
  const authors = [
    ...(xml.match(new RegExp(`<${p}authors\\b[^>]*>([\\s\\S]*?)</${p}authors>`))?.[1] ?? "").matchAll(
      new RegExp(`<${p}author\\b[^>]*>([\\s\\S]*?)</${p}author>`, "g"),
    ),
  ].map((m) => m[1]);
  let authorId = authors.indexOf(AUTHOR);
  if (authorId < 0) {
    authorId = authors.length;
    const add = `<${p}author>${AUTHOR}</${p}author>`;
    xml = new RegExp(`</${p}authors>`).test(xml)
      ? xml.replace(new RegExp(`</${p}authors>`), `${add}</${p}authors>`)
      : xml.replace(new RegExp(`(<${p}comments\\b[^>]*>)`), `$1<${p}authors>${add}</${p}authors>`);
  }
  const text = (t: string) => `<${p}text><${p}r><${p}t xml:space="preserve">${esc(t)}</${p}t></${p}r></${p}text>`;
  const added: Array<{ row: number; col: number }> = [];
  for (const n of notes) {
    const ref = `${columnLetters(n.col)}${n.row + 1}`;
    const existing = new RegExp(
      `<${p}comment\\b[^>]*\\sref\\s*=\\s*["']${ref}["'][^>]*>([\\s\\S]*?)</${p}comment>`,
    ).exec(xml);
    if (existing) {
      const open = /^<[^>]*>/.exec(existing[0])![0];
      if (/\sauthorId\s*=\s*["']([^"']*)["']/.exec(open)?.[1] === String(authorId)) {
        // Our own note from an earlier run (an annotated copy checked again): replaced, never doubled.
        xml = xml.replace(existing[0], () => `${open}${text(n.text)}</${p}comment>`);
        continue;
      }
      // The user's note stays first; ours follows below a rule line, in a run of its own (an earlier
      // run's appended part is dropped first).
      const earlier = new RegExp(
        `<${p}r>(?:<${p}rPr>[\\s\\S]*?</${p}rPr>)?<${p}t\\b[^>]*>\\n———\\n[\\s\\S]*?</${p}t></${p}r>`,
        "g",
      );
      const withOurs = existing[0]
        .replace(earlier, "")
        .replace(
          new RegExp(`</${p}text>`),
          `<${p}r><${p}t xml:space="preserve">${esc(SEPARATOR + n.text)}</${p}t></${p}r></${p}text>`,
        );
      xml = xml.replace(existing[0], () => withOurs);
      continue;
    }
    const comment = `<${p}comment ref="${ref}" authorId="${authorId}">${text(n.text)}</${p}comment>`;
    xml = new RegExp(`</${p}commentList>`).test(xml)
      ? xml.replace(new RegExp(`</${p}commentList>`), () => `${comment}</${p}commentList>`)
      : xml.replace(
          new RegExp(`</${p}comments>\\s*$`),
          () => `<${p}commentList>${comment}</${p}commentList></${p}comments>`,
        );
    added.push({ row: n.row, col: n.col });
  }
  pkg.setText(commentsPart, xml);
  // ——— the VML drawing that shows the notes: a shape per new note
  if (added.length > 0) {
    let vmlPart = vmlRel ? resolveTarget(sheetPart, vmlRel.target) : "";
    let vml = vmlPart ? pkg.text(vmlPart) : undefined;
    if (!vml) {
      vmlPart = pkg.freeName((k) => `${dir}/drawings/vmlDrawing${k}.vml`);
      vml = `${VML_HEAD}</xml>`;
      const id = pkg.addRel(sheetPart, REL.vmlDrawing, vmlPart);
      pkg.declareDefault("vml", CONTENT_TYPE.vml);
      edits.linkLegacyDrawing(id);
    }
    if (!/_x0000_t202/.test(vml)) vml = vml.replace(/<xml\b[^>]*>/, (m) => m + VML_HEAD.replace(/^<xml\b[^>]*>/, ""));
    const ids = [...vml.matchAll(/_x0000_s(\d+)/g)].map((m) => Number(m[1]));
    // Shape ids live in the drawing's id block (o:idmap data="n" → n × 1024 …); continue after the highest.
    const block = Number(/<o:idmap\b[^>]*data="(\d+)/.exec(vml)?.[1] ?? 1);
    let next = Math.max(block * 1024, ...ids) + 1;
    const shapes = added.map((a) => vmlShape(next++, a.row, a.col)).join("");
    vml = vml.replace(/<\/xml>\s*$/, `${shapes}</xml>`);
    pkg.setText(vmlPart, vml);
  }
  return notes.length;
}

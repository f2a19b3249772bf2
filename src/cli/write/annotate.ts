/**
 * The annotated copy: the user's workbook with the findings' fills and notes, optionally the recomputed
 * values and the 复核结果 working paper, written by changing only the parts that must change (the styles,
 * the flagged sheets, their notes, the workbook's sheet list for a new sheet) and copying every other part
 * byte for byte. The input is never written.
 *
 * Why not exceljs (which wrote the copy before): it rebuilds every part from its own model, so charts,
 * chartsheets, sheet protection, images written by other tools and anything it does not model were lost,
 * and it refused valid files (rows without `r`, prefixed namespaces, openpyxl's comments and images,
 * overlapping merges). Changing parts in place keeps what the tool does not understand.
 */
import { columnLetters } from "../../rules/address";
import type { Finding } from "../../rules/types";
import { cellAnnotations } from "../../tables/annotations";
import type { ColumnPlan } from "../../tables/columns";
import type { Area } from "../../tables/grid";
import { freeSheetName, headerRowOf, paperGrid, type WorkingPaper } from "../../tables/workingPaper";
import { addNotes } from "./notes";
import { attr, CONTENT_TYPE, esc, NS, OoxmlPackage, prefixOf, REL, resolveTarget, rootPrefix } from "./package";
import { SheetEdits, type NewValue } from "./sheet";
import { StyleBook } from "./styles";

/** What to write on one sheet. */
export interface SheetAnnotations {
  name: string;
  findings: Finding[];
  /** The recomputed columns (--insert-columns), planned on the sheet as read. */
  plan?: ColumnPlan | null;
  /** The sheet's merged areas as read (a recomputed value never goes into a merged cell). */
  merges?: Area[];
}

export interface AnnotatedCopy {
  bytes: Uint8Array;
  /** Cells filled (and noted). */
  cells: number;
  /** Recomputed values written. */
  recomputed: number;
  /** The working paper's sheet name, when one was added. */
  paperSheet?: string;
  /** Why some recomputed columns were not written (one line each, Chinese). */
  refused: string[];
}

/** The workbook part and its sheets (name → part), from the package's relationships. */
function workbookSheets(pkg: OoxmlPackage): { workbookPart: string; sheets: Map<string, string> } {
  const main =
    pkg.rels("").find((r) => r.type === REL.officeDocument) ?? pkg.rels("").find((r) => /officeDocument$/.test(r.type));
  const workbookPart = main ? resolveTarget("", main.target) : "xl/workbook.xml";
  const xml = pkg.text(workbookPart) ?? "";
  const rels = new Map(pkg.rels(workbookPart).map((r) => [r.id, r]));
  const sheets = new Map<string, string>();
  for (const m of xml.matchAll(/<(?:[\w.-]+:)?sheet\b[^>]*>/g)) {
    const name = decode(attr(m[0], "name") ?? "");
    const rid = attr(m[0], "id");
    const rel = rid ? rels.get(rid) : undefined;
    if (rel && rel.type === REL.worksheet) sheets.set(name, resolveTarget(workbookPart, rel.target));
  }
  return { workbookPart, sheets };
}

function decode(s: string): string {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&amp;/g, "&");
}

const inMerge = (merges: Area[], row: number, col: number) =>
  merges.some((m) => row >= m.top && row <= m.bottom && col >= m.left && col <= m.right);

/**
 * Writes the recomputed values of a plan into empty cells. A block that needs whole columns inserted (the
 * table has content to its right) is not written: inserting columns in a copy would have to move every
 * formula, defined name, conditional format and validation that refers across them. A block whose cells
 * are not all empty and unmerged is not written either. Output: values written, refusals.
 */
function writePlan(
  edits: SheetEdits,
  styles: StyleBook,
  plan: ColumnPlan,
  merges: Area[],
  sheet: string,
): { written: number; refused: string[] } {
  let written = 0;
  const refused: string[] = [];
  for (const b of plan.blocks) {
    const where = `${sheet}!${columnLetters(b.cells[0]?.col ?? 0)}${(b.cells[0]?.row ?? 0) + 1}`;
    if (b.mode === "insert-columns") {
      refused.push(
        `${where}：表格右侧紧挨着有内容，复核列需要插入整列；命令行副本不插入整列（以免改变其右侧公式、名称和条件格式的引用），此处未写入。请在 Excel 中用加载项的“插入复核列”。`,
      );
      continue;
    }
    if (b.cells.some((c) => inMerge(merges, c.row, c.col))) {
      refused.push(`${where}：复核列的位置有合并单元格，未写入。`);
      continue;
    }
    for (const c of b.cells) {
      if (c.header) {
        edits.write(c.row, c.col, { kind: "string", value: c.header }, (s) => styles.bold(s));
        continue;
      }
      const v: NewValue =
        c.value === "#VALUE!"
          ? { kind: "error", value: "#VALUE!" }
          : typeof c.value === "number"
            ? { kind: "number", value: c.value }
            : { kind: "string", value: c.value === null || c.value === undefined ? "" : String(c.value) };
      if (v.kind === "string" && v.value === "") continue;
      edits.write(c.row, c.col, v, (s) => styles.withNumberFormat(s, c.numberFormat));
      written++;
    }
  }
  return { written, refused };
}

/**
 * The 复核结果 sheet's XML from the shared working paper: the header block, the column header (bold,
 * frozen, with an autofilter), numbers as numbers with their formats, long texts wrapped, a link from each
 * 单元格 to its cell, and the print set-up (landscape, one page wide, page numbers in the footer; the
 * column header repeats through the Print_Titles name the caller adds).
 */
function workingPaperXml(paper: WorkingPaper, styles: StyleBook): string {
  const { values, formats } = paperGrid(paper);
  const headerRow = headerRowOf(paper);
  const width = paper.columns.length;
  const last = columnLetters(width - 1);
  const bold = styles.bold(0);
  const headerStyle = styles.wrapped(bold);
  const wrap = styles.wrapped(0);
  const rowsXml: string[] = [];
  values.forEach((row, r) => {
    const cells: string[] = [];
    row.forEach((v, c) => {
      if (v === null || v === "") return;
      const ref = `${columnLetters(c)}${r + 1}`;
      let style = 0;
      if (r === 0 || (r < headerRow && (c === 0 || c === 3))) style = bold;
      else if (r === headerRow) style = headerStyle;
      else if (r > headerRow) {
        const fmt = formats[r][c];
        if (typeof v === "number") style = fmt && fmt !== "General" ? styles.withNumberFormat(0, fmt) : 0;
        else if (paper.columns[c].wrap) style = wrap;
      }
      const s = style ? ` s="${style}"` : "";
      cells.push(
        typeof v === "number"
          ? `<c r="${ref}"${s}><v>${v}</v></c>`
          : `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${esc(v)}</t></is></c>`,
      );
    });
    if (cells.length) rowsXml.push(`<row r="${r + 1}">${cells.join("")}</row>`);
  });
  const cols = paper.columns
    .map((col, c) => `<col min="${c + 1}" max="${c + 1}" width="${col.width}" customWidth="1"/>`)
    .join("");
  const linkCol = paper.columns.findIndex((c) => c.key === "cell");
  const links = paper.rows
    .map((row, i) =>
      row.link
        ? `<hyperlink ref="${columnLetters(linkCol)}${headerRow + 2 + i}" location="${esc(`'${row.link.sheet.replace(/'/g, "''")}'!${row.link.cell}`)}" display="${esc(String(row.cells.cell.v ?? ""))}"/>`
        : "",
    )
    .join("");
  const top = headerRow + 2;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<worksheet xmlns="${NS.main}" xmlns:r="${NS.rel}">` +
    `<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>` +
    `<dimension ref="A1:${last}${Math.max(values.length, 1)}"/>` +
    `<sheetViews><sheetView workbookViewId="0"><pane ySplit="${headerRow + 1}" topLeftCell="A${top}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A${top}" sqref="A${top}"/></sheetView></sheetViews>` +
    `<cols>${cols}</cols><sheetData>${rowsXml.join("")}</sheetData>` +
    `<autoFilter ref="A${headerRow + 1}:${last}${headerRow + 1 + paper.rows.length}"/>` +
    (links ? `<hyperlinks>${links}</hyperlinks>` : "") +
    `<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>` +
    `<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>` +
    `<headerFooter><oddFooter>&amp;C第 &amp;P 页，共 &amp;N 页</oddFooter></headerFooter>` +
    `</worksheet>`
  );
}

/**
 * Sets a sheet-level defined name (Print_Titles, _FilterDatabase) in the workbook part, replacing one of
 * the same name for the same sheet.
 */
function setSheetName(
  pkg: OoxmlPackage,
  workbookPart: string,
  name: string,
  sheetIndex: number,
  value: string,
  hidden = false,
): void {
  let wb = pkg.text(workbookPart)!;
  const p = rootPrefix(wb);
  const element = `<${p}definedName name="${name}" localSheetId="${sheetIndex}"${hidden ? ' hidden="1"' : ""}>${esc(value)}</${p}definedName>`;
  const same = new RegExp(
    `<${p}definedName\\b(?=[^>]*name="${name.replace(/\./g, "\\.")}")(?=[^>]*localSheetId="${sheetIndex}")[^>]*>[\\s\\S]*?</${p}definedName>`,
  );
  if (same.test(wb)) wb = wb.replace(same, () => element);
  else if (new RegExp(`<${p}definedNames\\b`).test(wb))
    wb = wb.replace(new RegExp(`</${p}definedNames>`), () => `${element}</${p}definedNames>`);
  else {
    // definedNames comes after sheets (and after functionGroups, externalReferences).
    const after = [`</${p}externalReferences>`, `</${p}functionGroups>`, `</${p}sheets>`].find((t) => wb.includes(t))!;
    wb = wb.replace(after, () => `${after}<${p}definedNames>${element}</${p}definedNames>`);
  }
  pkg.setText(workbookPart, wb);
}

/** The 0-based position of a sheet in the workbook's sheet list. */
function sheetIndex(pkg: OoxmlPackage, workbookPart: string, name: string): number {
  const wb = pkg.text(workbookPart) ?? "";
  return [...wb.matchAll(/<(?:[\w.-]+:)?sheet\b[^>]*>/g)].findIndex((m) => decode(attr(m[0], "name") ?? "") === name);
}

/** Adds a worksheet to the workbook's sheet list (last); returns its name. */
function addSheet(pkg: OoxmlPackage, workbookPart: string, name: string, xml: string): void {
  const dir = workbookPart.split("/").slice(0, -1).join("/");
  const part = pkg.freeName((k) => `${dir}/worksheets/sheet${k}.xml`);
  pkg.setText(part, xml);
  pkg.declare(part, CONTENT_TYPE.worksheet);
  const id = pkg.addRel(workbookPart, REL.worksheet, part);
  let wb = pkg.text(workbookPart)!;
  const p = rootPrefix(wb);
  const ids = [...wb.matchAll(/<(?:[\w.-]+:)?sheet\b[^>]*>/g)].map((m) => Number(attr(m[0], "sheetId")) || 0);
  const sheetId = Math.max(0, ...ids) + 1;
  const r = prefixOf(wb, NS.rel);
  const element = r
    ? `<${p}sheet name="${esc(name)}" sheetId="${sheetId}" ${r}:id="${id}"/>`
    : `<${p}sheet xmlns:r="${NS.rel}" name="${esc(name)}" sheetId="${sheetId}" r:id="${id}"/>`;
  wb = wb.replace(new RegExp(`</${p}sheets>`), () => `${element}</${p}sheets>`);
  pkg.setText(workbookPart, wb);
}

/**
 * Writes the annotated copy of a workbook.
 * Inputs: the input's bytes (an .xlsx), what to write on each sheet, and the working paper (or null for
 * none) with the name of the earlier working paper sheet it replaces (exporting again), if any.
 * Output: the copy's bytes and what was written.
 * Throws: Error when the bytes are not an OOXML workbook package.
 */
export function annotatedCopy(
  input: Uint8Array,
  sheets: SheetAnnotations[],
  paper: { paper: WorkingPaper; replace?: string } | null,
): AnnotatedCopy {
  const pkg = new OoxmlPackage(input);
  const { workbookPart, sheets: parts } = workbookSheets(pkg);
  if (!pkg.has(workbookPart)) throw new Error("not an OOXML workbook package");
  const styles = new StyleBook(pkg, workbookPart);
  let cells = 0;
  let recomputed = 0;
  const refused: string[] = [];
  for (const s of sheets) {
    const part = parts.get(s.name);
    if (!part) continue;
    const xml = pkg.text(part);
    if (xml === undefined) continue;
    const edits = new SheetEdits();
    const annotations = cellAnnotations(s.findings);
    for (const a of annotations)
      edits.restyle(a.row, a.col, (st) => styles.withFill(st, a.color.replace(/^#/, "").toUpperCase()));
    cells += addNotes(
      pkg,
      part,
      edits,
      annotations.map((a) => ({ row: a.row, col: a.col, text: a.note })),
    );
    if (s.plan) {
      const w = writePlan(edits, styles, s.plan, s.merges ?? [], s.name);
      recomputed += w.written;
      refused.push(...w.refused);
    }
    const after = edits.apply(xml);
    if (edits.occupied.length > 0) {
      recomputed -= edits.occupied.length;
      refused.push(
        `${s.name}!${edits.occupied
          .map((c) => `${columnLetters(c.col)}${c.row + 1}`)
          .slice(0, 5)
          .join("、")}${edits.occupied.length > 5 ? " 等" : ""}：单元格已有内容，复核值未写入（不覆盖原有数据）。`,
      );
    }
    if (after !== xml) pkg.setText(part, after);
  }
  let paperSheet: string | undefined;
  if (paper) {
    const xml = workingPaperXml(paper.paper, styles);
    const existing = paper.replace ? parts.get(paper.replace) : undefined;
    if (existing) {
      // Exporting again: the working paper sheet is rewritten in place (same part, same position).
      paperSheet = paper.replace!;
      pkg.setText(existing, xml);
    } else {
      paperSheet = freeSheetName([...parts.keys()]);
      addSheet(pkg, workbookPart, paperSheet, xml);
    }
    const index = sheetIndex(pkg, workbookPart, paperSheet);
    const quoted = `'${paperSheet.replace(/'/g, "''")}'`;
    const headerRow = headerRowOf(paper.paper) + 1;
    const last = columnLetters(paper.paper.columns.length - 1);
    setSheetName(pkg, workbookPart, "_xlnm.Print_Titles", index, `${quoted}!$${headerRow}:$${headerRow}`);
    setSheetName(
      pkg,
      workbookPart,
      "_xlnm._FilterDatabase",
      index,
      `${quoted}!$A$${headerRow}:$${last}$${headerRow + paper.paper.rows.length}`,
      true,
    );
  }
  styles.flush();
  return { bytes: pkg.write(), cells, recomputed, paperSheet, refused };
}

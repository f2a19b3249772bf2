/**
 * Builds the .xlsx fixtures from the seed documents (../shared/seeds/000–003).
 *
 * Seed text format: a table row is a run of lines starting with a TAB (one line per cell); rows are
 * separated by blank lines; a merged cell appears as an empty cell; a cell's text can continue on
 * lines that do not start with a TAB. Word artefacts such as `[bookmark: _GoBack]` are dropped.
 *
 * Each document becomes one workbook with one sheet, its self-evaluation tables stacked with a blank
 * row between them, label cells merged as in the published tables, and figures stored the way Excel
 * stores pasted text (700.00 → 700 with format 0.00; 99.27% → 0.9927 with format 0.00%).
 *
 * Usage: npm run fixtures [-- SEEDS_DIR]   (default ../shared/seeds; writes test/fixtures and the
 * bundled sample assets/samples/sample.xlsx from document 001).
 */
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";

const ROOT = path.resolve(__dirname, "..");
const SEEDS = path.resolve(process.argv[2] ?? path.join(ROOT, "..", "shared", "seeds"));

export const DOCUMENTS: Array<{ id: string; file: string; name: string }> = [
  { id: "000", file: "000_b609326f3d399845.txt", name: "昌吉职业技术学院" },
  { id: "001", file: "001_dfa22dd2bb6962f3.txt", name: "昌吉州教育局" },
  { id: "002", file: "002_f52e73d36ecc1ba3.txt", name: "昌吉州党委组织部" },
  { id: "003", file: "003_d2828ec84ce4557a.txt", name: "昌吉州教育考试中心" },
];

type Block = { kind: "row"; cells: string[] } | { kind: "text"; text: string };

function clean(s: string): string {
  return s.replace(/\[bookmark:[^\]]*\]/gi, "").replace(/\r/g, "");
}

/** Splits a seed document into table rows and narrative paragraphs. */
export function readBlocks(text: string): Block[] {
  const lines = text.split("\n");
  const out: Block[] = [];
  let cur: string[] | null = null;
  const flush = () => {
    if (cur) out.push({ kind: "row", cells: cur.map((c) => clean(c).trimEnd()) });
    cur = null;
  };
  for (const line of lines) {
    if (line.startsWith("\t")) {
      if (!cur) cur = [];
      cur.push(line.slice(1));
    } else if (line.trim() === "") {
      flush();
    } else if (cur && cur.length > 0) {
      cur[cur.length - 1] += "\n" + line;
    } else {
      flush();
      out.push({ kind: "text", text: line });
    }
  }
  flush();
  return out;
}

/** Groups rows into tables: each starts at a 绩效自评表 heading and ends at the next heading or text. */
export function readTables(blocks: Block[]): string[][][] {
  const tables: string[][][] = [];
  let cur: string[][] | null = null;
  for (const b of blocks) {
    if (b.kind === "text") {
      // A heading or its year line that lost its TAB (003 has one) still belongs to the tables.
      const t = b.text.replace(/\s+/g, "");
      if (/绩效自评表$/.test(t)) {
        if (cur) tables.push(cur);
        cur = [[b.text.trim()]];
      } else if (cur && cur.length === 1 && /^[（(]\d{4}年度?[）)]$/.test(t)) {
        cur.push([b.text.trim()]);
      } else {
        if (cur) tables.push(cur);
        cur = null;
      }
      continue;
    }
    const first = b.cells[0]?.replace(/\s+/g, "") ?? "";
    if (b.cells.length === 1 && /绩效自评表$/.test(first)) {
      if (cur) tables.push(cur);
      cur = [b.cells];
      continue;
    }
    if (cur) cur.push(b.cells);
  }
  if (cur) tables.push(cur);
  return tables;
}

interface Placed {
  value: string | number;
  numFmt?: string;
}

/** Stores a pasted figure the way Excel does; anything else stays text. */
export function asExcelPaste(text: string): Placed {
  const t = text.trim();
  let m = /^(-?\d{1,3}(?:,\d{3})+)(?:\.(\d+))?$/.exec(t);
  if (m) return { value: Number(t.replace(/,/g, "")), numFmt: "#,##0" + (m[2] ? "." + "0".repeat(m[2].length) : "") };
  m = /^(-?\d+)\.(\d+)$/.exec(t);
  if (m) return { value: Number(t), numFmt: "0." + "0".repeat(m[2].length) };
  if (/^-?\d{1,12}$/.test(t)) return { value: Number(t) };
  m = /^(-?\d+)(?:\.(\d+))?%$/.exec(t);
  if (m) {
    const digits = m[2]?.length ?? 0;
    return { value: Number((Number(t.slice(0, -1)) / 100).toFixed(digits + 2)), numFmt: digits ? "0." + "0".repeat(digits) + "%" : "0%" };
  }
  return { value: text };
}

interface Merge {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/**
 * Lays one table out on the sheet from `top`: returns the number of rows used.
 * Rows with fewer cells than the table's width are spread as the published tables spread them.
 */
function layTable(ws: ExcelJS.Worksheet, input: string[][], top: number, merges: Merge[]): number {
  const norm = (s: string) => s.replace(/\s+/g, "");
  const header = input.find((r) => r.some((c) => norm(c) === "一级指标"));
  const W = header ? header.length : Math.max(...input.map((r) => r.length));
  // Word split a few cells of 003's tables (a row of 10 or 12 cells under a 9-cell header): drop the
  // extra empty cells right of 三级指标 so that the figures fall under their headers.
  const nameCol = header ? Math.max(0, header.map(norm).indexOf("三级指标")) : 0;
  const rows = input.map((r) => {
    const cells = [...r];
    for (let i = nameCol + 1; cells.length > W && i < cells.length; ) {
      if (norm(cells[i]) === "") cells.splice(i, 1);
      else i++;
    }
    return cells;
  });
  const fundHeader = rows.findIndex((r) => r.some((c) => norm(c) === "年初预算数"));
  const goal = rows.findIndex((r) => norm(r[0] ?? "") === "年度总体目标");
  const indHeader = rows.findIndex((r) => r.some((c) => norm(c) === "一级指标"));
  const twoRowHeader = indHeader >= 0 && rows[indHeader + 1]?.some((c) => /^(指标值|完成值)$/.test(norm(c)));
  const bodyStart = indHeader + (twoRowHeader ? 2 : 1);
  const totalRow = rows.findIndex((r) => /^总分$/.test(norm(r[0] ?? "")));
  const bodyEnd = totalRow >= 0 ? totalRow - 1 : rows.length - 1;
  const headerCells = indHeader >= 0 ? rows[indHeader].map(norm) : [];
  const level1Col = headerCells.indexOf("一级指标");
  const level2Col = headerCells.indexOf("二级指标");

  const put = (r: number, c: number, text: string) => {
    if (text === "") return;
    const cell = ws.getCell(top + r + 1, c + 1);
    const p = asExcelPaste(text);
    cell.value = p.value;
    if (p.numFmt) cell.numFmt = p.numFmt;
    cell.alignment = { wrapText: true, vertical: "middle" };
  };
  const mergeH = (r: number, from: number, to: number) => {
    if (to > from) merges.push({ top: top + r, left: from, bottom: top + r, right: to });
  };

  rows.forEach((cells, r) => {
    const n = cells.length;
    const inFund = fundHeader >= 0 && r >= fundHeader && (goal < 0 || r < goal) && (indHeader < 0 || r < indHeader);
    if (n === W || inFund) {
      cells.forEach((t, c) => put(r, c, t));
    } else if (n === 1) {
      put(r, 0, cells[0]);
      mergeH(r, 0, W - 1);
    } else if (n === 2) {
      put(r, 0, cells[0]);
      put(r, 1, cells[1]);
      mergeH(r, 1, W - 1);
    } else if (n === 3) {
      const mid = 1 + Math.floor((W - 1) / 2);
      put(r, 0, cells[0]);
      put(r, 1, cells[1]);
      mergeH(r, 1, mid - 1);
      put(r, mid, cells[2]);
      mergeH(r, mid, W - 1);
    } else if (n === 4 && r < (fundHeader >= 0 ? fundHeader : Infinity)) {
      const mid = 1 + Math.floor((W - 1) / 2);
      put(r, 0, cells[0]);
      put(r, 1, cells[1]);
      mergeH(r, 1, mid - 1);
      put(r, mid, cells[2]);
      put(r, mid + 1, cells[3]);
      mergeH(r, mid + 1, W - 1);
    } else {
      // The first cell spans what the row lacks (总分 over the label columns).
      const span = W - n + 1;
      put(r, 0, cells[0]);
      mergeH(r, 0, span - 1);
      cells.slice(1).forEach((t, i) => put(r, span + i, t));
    }
  });

  // Vertical merges of label columns: a label followed by empty cells below it.
  const mergeDown = (col: number, from: number, to: number) => {
    let start = -1;
    for (let r = from; r <= to + 1; r++) {
      const filled = r <= to && norm(rows[r]?.[col] ?? "") !== "";
      if (r > to || filled) {
        if (start >= 0 && r - 1 > start) merges.push({ top: top + start, left: col, bottom: top + r - 1, right: col });
        start = r <= to ? r : -1;
      }
    }
  };
  if (fundHeader >= 0) {
    const fundEnd = (goal >= 0 ? goal : indHeader >= 0 ? indHeader : rows.length) - 1;
    mergeDown(0, fundHeader, fundEnd);
  }
  if (goal >= 0) mergeDown(0, goal, (indHeader >= 0 ? indHeader : rows.length) - 1);
  if (indHeader >= 0) {
    const side = norm(rows[indHeader][0] ?? "") === "" ? bodyStart : indHeader;
    if (level1Col > 0) mergeDown(0, side, bodyEnd);
    if (twoRowHeader) {
      rows[indHeader].forEach((t, c) => {
        if (c > 0 && norm(t) !== "" && norm(rows[indHeader + 1][c] ?? "") === "") {
          merges.push({ top: top + indHeader, left: c, bottom: top + indHeader + 1, right: c });
        }
      });
    }
    if (level1Col >= 0) mergeDown(level1Col, bodyStart, bodyEnd);
    if (level2Col >= 0) mergeDown(level2Col, bodyStart, bodyEnd);
  }
  return rows.length;
}

/** Writes one document's tables to a workbook file. Returns the number of tables written. */
export async function buildWorkbook(seedFile: string, outFile: string, title: string): Promise<number> {
  const text = fs.readFileSync(seedFile, "utf8");
  const tables = readTables(readBlocks(text));
  const wb = new ExcelJS.Workbook();
  wb.creator = "disclosure-check fixtures";
  wb.created = new Date(Date.UTC(2026, 0, 1));
  wb.modified = wb.created;
  const ws = wb.addWorksheet("绩效自评表");
  ws.getCell(1, 1).value = `${title}：绩效自评表（由 ${path.basename(seedFile)} 生成）`;
  const merges: Merge[] = [];
  let row = 2;
  for (const t of tables) {
    row += layTable(ws, t, row, merges) + 1;
  }
  const applied: Merge[] = [];
  const clash = (a: Merge, b: Merge) => a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
  for (const m of merges) {
    const other = applied.find((a) => clash(a, m));
    if (other) {
      console.warn(`  skipped merge ${JSON.stringify(m)}: overlaps ${JSON.stringify(other)}`);
      continue;
    }
    applied.push(m);
    ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
  }
  ws.columns.forEach((c, i) => {
    c.width = i < 4 ? 16 : 12;
  });
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  await wb.xlsx.writeFile(outFile);
  return tables.length;
}

async function main(): Promise<void> {
  if (!fs.existsSync(SEEDS)) {
    console.error(`Seed folder not found: ${SEEDS}`);
    process.exit(2);
  }
  for (const d of DOCUMENTS) {
    const out = path.join(ROOT, "test", "fixtures", `self-evaluation-${d.id}.xlsx`);
    const n = await buildWorkbook(path.join(SEEDS, d.file), out, d.name);
    console.log(`${path.relative(ROOT, out)}: ${n} tables`);
  }
  const sample = path.join(ROOT, "assets", "samples", "sample.xlsx");
  const n = await buildWorkbook(path.join(SEEDS, DOCUMENTS[1].file), sample, DOCUMENTS[1].name);
  console.log(`${path.relative(ROOT, sample)}: ${n} tables`);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}

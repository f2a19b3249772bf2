/**
 * The benchmark's large inputs (issue 16): files of at most 50 MB that push each bound of the reader.
 * Each must be checked or refused within 60 s and 1.5 GB (bench/run.ts measures the CLI on each in its
 * own process). Generated, never committed.
 */
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { strToU8, Zip, ZipDeflate, ZipPassThrough } from "fflate";

export interface LargeInput {
  name: string;
  file: string;
  /** What the CLI must do with it: check it (exit 0 or 1) or refuse it with a message (exit 2). */
  outcome: "checked" | "refused";
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const CT = "application/vnd.openxmlformats-officedocument";

/**
 * A one-sheet workbook package, streamed: the sheet's rows come from `rows` chunk by chunk, deflated as
 * they come (a 500 MB sheet part never sits in memory). Extra parts are stored as given.
 */
function workbook(rows: Iterable<Uint8Array>, extra: Record<string, Uint8Array> = {}, level: 1 | 6 | 9 = 6): Uint8Array {
  const out: Uint8Array[] = [];
  const zip = new Zip((err, data) => {
    if (err) throw err;
    out.push(data);
  });
  const small = (name: string, data: Uint8Array, store = false) => {
    const f = store ? new ZipPassThrough(name) : new ZipDeflate(name, { level: 6 });
    zip.add(f);
    f.push(data, true);
  };
  small(
    "[Content_Types].xml",
    strToU8(
      `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/xl/workbook.xml" ContentType="${CT}.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="${CT}.spreadsheetml.worksheet+xml"/></Types>`,
    ),
  );
  small("_rels/.rels", strToU8(`${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`));
  small("xl/workbook.xml", strToU8(`${XML_HEAD}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="大表" sheetId="1" r:id="rId1"/></sheets></workbook>`));
  small("xl/_rels/workbook.xml.rels", strToU8(`${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`));
  const sheet = new ZipDeflate("xl/worksheets/sheet1.xml", { level });
  zip.add(sheet);
  sheet.push(strToU8(`${XML_HEAD}<worksheet xmlns="${MAIN}"><sheetData>`));
  for (const chunk of rows) sheet.push(chunk);
  sheet.push(strToU8("</sheetData></worksheet>"), true);
  for (const [name, data] of Object.entries(extra)) small(name, data, true);
  zip.end();
  const size = out.reduce((n, c) => n + c.length, 0);
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of out) {
    bytes.set(c, at);
    at += c.length;
  }
  return bytes;
}

/** Rows of numbers: `rows` rows × `cols` columns, 5,000 rows per chunk. */
function* numberRows(rows: number, cols: number): Generator<Uint8Array> {
  let buf: string[] = [];
  for (let r = 1; r <= rows; r++) {
    let row = `<row r="${r}">`;
    for (let c = 0; c < cols; c++) row += `<c r="${String.fromCharCode(65 + c)}${r}"><v>${(r * 31 + c * 7) % 100000}.25</v></c>`;
    buf.push(row + "</row>");
    if (buf.length === 5000) {
      yield strToU8(buf.join(""));
      buf = [];
    }
  }
  if (buf.length) yield strToU8(buf.join(""));
}

/**
 * Writes the large inputs into `dir` (each at most 50 MB) and lists them.
 * - dense-1.4m-cells: 12 columns × 120,000 rows of numbers, just under the 1.5 million cells bound: read in full;
 * - rows-over-limit: 260,000 rows: the first 200,000 are read, the rest reported (cell.out-of-range);
 * - sheet-300mb-part: numbers whose sheet part is about 300 MB (what a 40–50 MB real export holds): refused
 *   from the sizes the zip declares;
 * - lying-sizes: the same kind of part with the declared sizes set small: refused while it inflates;
 * - media-48mb: 48 MB of incompressible image data beside a small sheet: checked.
 */
export function writeLargeInputs(dir: string): LargeInput[] {
  fs.mkdirSync(dir, { recursive: true });
  const out: LargeInput[] = [];
  const write = (name: string, bytes: Uint8Array, outcome: LargeInput["outcome"]) => {
    const file = path.join(dir, `${name}.xlsx`);
    if (bytes.length > 50 * 1024 * 1024) throw new Error(`${name} is ${bytes.length} bytes, over 50 MB`);
    fs.writeFileSync(file, bytes);
    out.push({ name, file, outcome });
  };
  write("dense-1.4m-cells", workbook(numberRows(120_000, 12)), "checked");
  write("rows-over-limit", workbook(numberRows(260_000, 2)), "checked");
  const big = workbook(numberRows(850_000, 12), {}, 9);
  write("sheet-300mb-part", big, "refused");
  write("lying-sizes", lieAboutSizes(big), "refused");
  write("media-48mb", workbook(numberRows(50, 4), { "xl/media/image1.png": crypto.randomBytes(48 * 1024 * 1024) }), "checked");
  return out;
}

/**
 * The same package with every declared uncompressed size set to 1,000 bytes, in the local headers and the
 * central directory (what a hostile or broken writer does): only measuring while inflating finds the size.
 */
function lieAboutSizes(zip: Uint8Array): Uint8Array {
  const b = Uint8Array.from(zip);
  const v = new DataView(b.buffer);
  for (let i = 0; i + 46 <= b.length; i++) {
    const sig = v.getUint32(i, true);
    if (sig === 0x04034b50 && v.getUint32(i + 22, true) > 1000) v.setUint32(i + 22, 1000, true);
    else if (sig === 0x02014b50 && v.getUint32(i + 24, true) > 1000) v.setUint32(i + 24, 1000, true);
  }
  return b;
}

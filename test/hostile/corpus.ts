/**
 * The hostile-input corpus: files Excel, WPS, LibreOffice and scripts write, broken and hostile files,
 * and wrong arguments, generated into a folder (no binaries are committed). Each case says how the CLI
 * must answer: its exit code, what it says, which inputs must keep their bytes, which outputs must exist
 * and reopen, and which files must not be written.
 *
 * Used by test/hostile/hostile.test.ts; `npx tsx scripts/hostile-corpus.ts DIR` writes the corpus to a
 * folder and lists the cases, to try them by hand.
 *
 * Every workbook that carries a table is derived from a real fixture: the 2020 self-evaluation of 丽江市
 * 古城区自然资源局 (test/fixtures/provinces-yn-lijiang-gucheng-zrzy-2020-weipian.xlsx, source recorded in
 * test/fixtures/provinces/SOURCES.md), whose indicator scores I13:I16 disagree with the national rule.
 * The parts added to it (a chart, an image, protection, validation …) are written here by hand, in the
 * form Excel writes them.
 */
import * as fs from "fs";
import * as path from "path";
import * as XLSX from "@e965/xlsx";
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from "fflate";

export type Family = "outputs" | "columns" | "bounds" | "failures" | "kinds" | "copy";

export interface HostileCase {
  /** Short stable name: family.what. */
  id: string;
  family: Family;
  /** What the case is, in Chinese. */
  title: string;
  /** The CLI's arguments (absolute paths). */
  args: string[];
  /** The exit code the CLI must give. */
  code: 0 | 1 | 2;
  /** What stderr must say (every pattern). */
  err?: RegExp[];
  /** What stdout must say (every pattern). */
  out?: RegExp[];
  /** Files whose bytes must not change (the inputs, and files the run must leave alone). */
  keep: string[];
  /** .xlsx outputs that must exist and reopen; `fromInput` names the input whose untouched parts the copy must keep byte for byte. */
  copies?: Array<{ file: string; fromInput?: string }>;
  /** Other outputs that must exist (JSON, summary). */
  outputs?: string[];
  /** Files the run must not create. */
  absent?: string[];
  /** Further checks after the run: a list of what is wrong (empty when all is well). */
  check?: () => string[];
  /** Set up just before the run (a FIFO, a permission), when it cannot be prepared in advance. */
  before?: () => void;
}

// ---------------------------------------------------------------------------------------------------
// Packages

const NS = {
  main: "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
  rel: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  pkgRel: "http://schemas.openxmlformats.org/package/2006/relationships",
  ct: "http://schemas.openxmlformats.org/package/2006/content-types",
};
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const CT = "application/vnd.openxmlformats-officedocument";
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export const BASE_FIXTURE = path.join(
  __dirname,
  "..",
  "fixtures",
  "provinces-yn-lijiang-gucheng-zrzy-2020-weipian.xlsx",
);

type Parts = Record<string, Uint8Array>;

export function unzip(bytes: Uint8Array): Parts {
  return unzipSync(bytes);
}

function zip(parts: Parts, level: 0 | 6 | 9 = 6): Uint8Array {
  const z: Zippable = {};
  for (const [k, v] of Object.entries(parts)) z[k] = [v, { level }];
  return zipSync(z);
}

const text = (parts: Parts, name: string) => strFromU8(parts[name]);
const put = (parts: Parts, name: string, xml: string) => (parts[name] = strToU8(xml));
const edit = (parts: Parts, name: string, f: (xml: string) => string) => put(parts, name, f(text(parts, name)));

function addOverride(parts: Parts, part: string, type: string) {
  edit(parts, "[Content_Types].xml", (x) =>
    x.replace("</Types>", `<Override PartName="/${part}" ContentType="${type}"/></Types>`),
  );
}
function addDefault(parts: Parts, ext: string, type: string) {
  edit(parts, "[Content_Types].xml", (x) =>
    x.includes(`Extension="${ext}"`)
      ? x
      : x.replace("</Types>", `<Default Extension="${ext}" ContentType="${type}"/></Types>`),
  );
}
function addRel(parts: Parts, relsPart: string, id: string, type: string, target: string) {
  if (!parts[relsPart]) put(parts, relsPart, `${XML_HEAD}<Relationships xmlns="${NS.pkgRel}"></Relationships>`);
  const uri = type.startsWith("http") ? type : `${REL}/${type}`;
  edit(parts, relsPart, (x) =>
    x.replace("</Relationships>", `<Relationship Id="${id}" Type="${uri}" Target="${target}"/></Relationships>`),
  );
}

/** A workbook package from sheet XMLs, in the minimal form scripts write (no styles, no shared strings). */
export function minimalWorkbook(
  sheets: Array<{ name: string; xml: string }>,
  extra: { workbook?: string } = {},
): Parts {
  const parts: Parts = {};
  put(
    parts,
    "[Content_Types].xml",
    `${XML_HEAD}<Types xmlns="${NS.ct}"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${CT}.spreadsheetml.sheet.main+xml"/>${sheets
      .map(
        (_, i) =>
          `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${CT}.spreadsheetml.worksheet+xml"/>`,
      )
      .join("")}</Types>`,
  );
  put(
    parts,
    "_rels/.rels",
    `${XML_HEAD}<Relationships xmlns="${NS.pkgRel}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  put(
    parts,
    "xl/workbook.xml",
    `${XML_HEAD}<workbook xmlns="${NS.main}" xmlns:r="${NS.rel}"><sheets>${sheets
      .map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
      .join("")}</sheets>${extra.workbook ?? ""}</workbook>`,
  );
  put(
    parts,
    "xl/_rels/workbook.xml.rels",
    `${XML_HEAD}<Relationships xmlns="${NS.pkgRel}">${sheets
      .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
      .join("")}</Relationships>`,
  );
  sheets.forEach((s, i) => put(parts, `xl/worksheets/sheet${i + 1}.xml`, s.xml));
  return parts;
}

const sheetXml = (body: string, after = "") =>
  `${XML_HEAD}<worksheet xmlns="${NS.main}" xmlns:r="${NS.rel}"><sheetData>${body}</sheetData>${after}</worksheet>`;
const inlineCell = (ref: string, s: string) => `<c r="${ref}" t="inlineStr"><is><t>${s}</t></is></c>`;

/** The real fixture's parts. */
function baseParts(): Parts {
  return unzip(fs.readFileSync(BASE_FIXTURE));
}
const SHEET = "xl/worksheets/sheet1.xml";

/** Inserts XML into the worksheet at its schema position: before the first of `before` present, else before the end. */
function insertInSheet(parts: Parts, xml: string, before: string[]) {
  edit(parts, SHEET, (x) => {
    for (const b of before) {
      const i = x.indexOf(`<${b}`);
      if (i >= 0) return x.slice(0, i) + xml + x.slice(i);
    }
    return x.replace("</worksheet>", `${xml}</worksheet>`);
  });
}

const AFTER_MERGES = [
  "conditionalFormatting",
  "dataValidations",
  "hyperlinks",
  "printOptions",
  "pageMargins",
  "pageSetup",
  "headerFooter",
  "drawing",
  "legacyDrawing",
];
const AFTER_PAGESETUP = [
  "headerFooter",
  "rowBreaks",
  "colBreaks",
  "customProperties",
  "cellWatches",
  "ignoredErrors",
  "smartTags",
  "drawing",
  "legacyDrawing",
  "tableParts",
  "extLst",
];

/** A 1×1 PNG (red), as an image part. */
const PNG = Uint8Array.from(
  Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==",
    "base64",
  ),
);

const CHART_XML = `${XML_HEAD}<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${NS.rel}"><c:chart><c:autoTitleDeleted val="0"/><c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/><c:ser><c:idx val="0"/><c:order val="0"/><c:val><c:numRef><c:f>'丽江市古城区自然资源局'!$I$13:$I$16</c:f></c:numRef></c:val></c:ser><c:axId val="1"/><c:axId val="2"/></c:barChart><c:catAx><c:axId val="1"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:crossAx val="2"/></c:catAx><c:valAx><c:axId val="2"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:crossAx val="1"/></c:valAx></c:plotArea><c:plotVisOnly val="1"/></c:chart></c:chartSpace>`;

const anchor = (col: number, row: number, inner: string) =>
  `<xdr:twoCellAnchor><xdr:from><xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>${col + 4}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row + 10}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>${inner}<xdr:clientData/></xdr:twoCellAnchor>`;

const DRAWING_XML = `${XML_HEAD}<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${NS.rel}" xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart">${anchor(
  12,
  1,
  `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="图表 1"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart r:id="rId1"/></a:graphicData></a:graphic></xdr:graphicFrame>`,
)}${anchor(
  12,
  14,
  `<xdr:pic><xdr:nvPicPr><xdr:cNvPr id="3" name="图片 2"/><xdr:cNvPicPr><a:picLocks noChangeAspect="1"/></xdr:cNvPicPr></xdr:nvPicPr><xdr:blipFill><a:blip r:embed="rId2"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill><xdr:spPr><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic>`,
)}</xdr:wsDr>`;

/** Adds a drawing with a bar chart (of I13:I16) and a picture to the base sheet. */
function withChartAndImage(parts: Parts) {
  put(parts, "xl/charts/chart1.xml", CHART_XML);
  put(parts, "xl/drawings/drawing1.xml", DRAWING_XML);
  parts["xl/media/image1.png"] = PNG;
  addRel(parts, "xl/drawings/_rels/drawing1.xml.rels", "rId1", "chart", "../charts/chart1.xml");
  addRel(parts, "xl/drawings/_rels/drawing1.xml.rels", "rId2", "image", "../media/image1.png");
  addRel(parts, "xl/worksheets/_rels/sheet1.xml.rels", "rIdDr1", "drawing", "../drawings/drawing1.xml");
  addOverride(parts, "xl/charts/chart1.xml", `${CT}.drawingml.chart+xml`);
  addOverride(parts, "xl/drawings/drawing1.xml", `${CT}.drawing+xml`);
  addDefault(parts, "png", "image/png");
  insertInSheet(parts, `<drawing r:id="rIdDr1"/>`, AFTER_PAGESETUP.slice(1 + AFTER_PAGESETUP.indexOf("smartTags")));
}

const PROTECTION = `<sheetProtection password="CC3D" sheet="1" objects="1" scenarios="1" formatCells="0"/>`;
const VALIDATION = `<dataValidations count="1"><dataValidation type="decimal" allowBlank="1" showErrorMessage="1" errorTitle="分值" error="得分应在 0 到 100 之间" sqref="I13:I16"><formula1>0</formula1><formula2>100</formula2></dataValidation></dataValidations>`;
const CONDITIONAL = `<conditionalFormatting sqref="G13:G16"><cfRule type="cellIs" dxfId="0" priority="1" operator="lessThan"><formula>0</formula></cfRule></conditionalFormatting>`;

/** The existing note (legacy comment) on I13, written as Excel writes one. */
function withExistingNote(parts: Parts) {
  put(
    parts,
    "xl/comments1.xml",
    `${XML_HEAD}<comments xmlns="${NS.main}"><authors><author>审计组</author></authors><commentList><comment ref="I13" authorId="0"><text><r><t xml:space="preserve">初审：得分待核。</t></r></text></comment></commentList></comments>`,
  );
  put(
    parts,
    "xl/drawings/vmlDrawing1.vml",
    `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout><v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype><v:shape id="_x0000_s1025" type="#_x0000_t202" style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:108pt;height:59.25pt;z-index:1;visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto"><v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox><x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>9, 15, 12, 2, 11, 15, 16, 2</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>12</x:Row><x:Column>8</x:Column></x:ClientData></v:shape></xml>`,
  );
  addRel(parts, "xl/worksheets/_rels/sheet1.xml.rels", "rIdCm1", "comments", "../comments1.xml");
  addRel(parts, "xl/worksheets/_rels/sheet1.xml.rels", "rIdVml1", "vmlDrawing", "../drawings/vmlDrawing1.vml");
  addOverride(parts, "xl/comments1.xml", `${CT}.spreadsheetml.comments+xml`);
  addDefault(parts, "vml", `${CT}.vmlDrawing`);
  insertInSheet(parts, `<legacyDrawing r:id="rIdVml1"/>`, [
    "legacyDrawingHF",
    "drawingHF",
    "picture",
    "oleObjects",
    "controls",
    "webPublishItems",
    "tableParts",
    "extLst",
  ]);
}

/** Everything the issue names: chart, image, protection (sheet and workbook), validation, conditional format, defined names, an existing note, custom XML. */
function richParts(): Parts {
  const parts = baseParts();
  insertInSheet(parts, PROTECTION, [
    "protectedRanges",
    "scenarios",
    "autoFilter",
    "sortState",
    "dataConsolidate",
    "customSheetViews",
    "mergeCells",
  ]);
  insertInSheet(parts, CONDITIONAL + VALIDATION, AFTER_MERGES.slice(2));
  edit(parts, "xl/styles.xml", (x) =>
    x.includes("<dxfs")
      ? x
      : x.replace(
          /<tableStyles|<colors|<extLst|<\/styleSheet>/,
          (m) => `<dxfs count="1"><dxf><font><color rgb="FFFF0000"/></font></dxf></dxfs>${m}`,
        ),
  );
  withChartAndImage(parts);
  withExistingNote(parts);
  edit(parts, "xl/workbook.xml", (x) =>
    x
      .replace("<sheets>", `<workbookProtection lockStructure="1" workbookPassword="CC3D"/><sheets>`)
      .replace(
        "</sheets>",
        `</sheets><definedNames><definedName name="指标得分">'丽江市古城区自然资源局'!$I$13:$I$16</definedName><definedName name="_xlnm.Print_Area" localSheetId="0">'丽江市古城区自然资源局'!$A$1:$J$17</definedName></definedNames>`,
      ),
  );
  put(parts, "customXml/item1.xml", `${XML_HEAD}<审计 xmlns="urn:example:audit"><索引号>A-01</索引号></审计>`);
  addRel(parts, "xl/_rels/workbook.xml.rels", "rIdCx1", "customXml", "../customXml/item1.xml");
  return parts;
}

// ---------------------------------------------------------------------------------------------------
// The corpus

/** Writes a file and returns its path. */
function file(dir: string, name: string, data: Uint8Array | string): string {
  const p = path.join(dir, name);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, data);
  return p;
}

/** A zip whose one XML part inflates to `bytes` bytes (a zip bomb in miniature), in a few hundred KB. */
function inflating(bytes: number): Uint8Array {
  const row = `<row r="1"><c r="A1" t="inlineStr"><is><t>${"填".repeat(200)}</t></is></c></row>`;
  const body = row.repeat(Math.ceil(bytes / row.length));
  return zip(minimalWorkbook([{ name: "大表", xml: sheetXml(body) }]), 9);
}

/** SheetJS's rendering of the base fixture in another format (xls, xlsb, ods, csv, html …). */
function baseAs(bookType: XLSX.BookType): Uint8Array {
  const wb = XLSX.read(fs.readFileSync(BASE_FIXTURE), { type: "buffer", cellStyles: true });
  const out = XLSX.write(wb, { bookType, type: "buffer" }) as Buffer | string;
  return typeof out === "string" ? strToU8(out) : new Uint8Array(out);
}

/**
 * Builds the corpus into `dir` (created; expected empty). Output: the cases, in a stable order.
 * Every input is written before this returns except what a case's `before` prepares.
 */
export function buildCorpus(dir: string): HostileCase[] {
  fs.mkdirSync(dir, { recursive: true });
  const cases: HostileCase[] = [];
  const add = (c: HostileCase) => cases.push(c);
  const real = () => zip(baseParts());
  const checked = /丽江市古城区自然资源局|table|tables/;
  const out = (name: string) => path.join(dir, "out", name);
  fs.mkdirSync(path.join(dir, "out"), { recursive: true });

  // --- outputs: never write over an input, never replace without --force, never half-write ---------
  {
    const input = file(dir, "outputs/input.xlsx", real());
    add({
      id: "outputs.out-is-input",
      family: "outputs",
      title: "--out 指向输入文件本身",
      args: [input, "--out", input],
      code: 2,
      err: [/就是输入文件/],
      keep: [input],
    });
    const link = path.join(dir, "outputs/link.xlsx");
    fs.symlinkSync(input, link);
    add({
      id: "outputs.out-symlink",
      family: "outputs",
      title: "--out 是指向输入的符号链接",
      args: [input, "--out", link],
      code: 2,
      err: [/就是输入文件/],
      keep: [input],
    });
    const hard = path.join(dir, "outputs/hard.xlsx");
    fs.linkSync(input, hard);
    add({
      id: "outputs.out-hardlink",
      family: "outputs",
      title: "--out 是输入的硬链接",
      args: [input, "--out", hard],
      code: 2,
      err: [/就是输入文件/],
      keep: [input, hard],
    });
    const viaDotDot = path.join(dir, "outputs", "..", "outputs", "input.xlsx");
    add({
      id: "outputs.out-dotdot",
      family: "outputs",
      title: "--out 以 ../ 绕回输入文件",
      args: [input, "--out", viaDotDot],
      code: 2,
      err: [/就是输入文件/],
      keep: [input],
    });
    add({
      id: "outputs.json-is-input",
      family: "outputs",
      title: "--json 指向输入文件",
      args: [input, "--json", input],
      code: 2,
      err: [/--json .*就是输入文件/],
      keep: [input],
    });
    add({
      id: "outputs.summary-is-input",
      family: "outputs",
      title: "--summary 指向输入文件",
      args: [input, "--summary", input],
      code: 2,
      err: [/--summary .*就是输入文件/],
      keep: [input],
    });
    add({
      id: "outputs.summary-is-link",
      family: "outputs",
      title: "--summary 是输入的硬链接",
      args: [input, "--summary", hard],
      code: 2,
      err: [/--summary .*就是输入文件/],
      keep: [input, hard],
    });
    const typed = file(dir, "outputs/typed.json", '{"审计说明":"已填写"}');
    add({
      id: "outputs.json-exists",
      family: "outputs",
      title: "--json 已存在（可能已填写），未加 --force",
      args: [input, "--json", typed],
      code: 2,
      err: [/已存在，未覆盖/],
      keep: [input, typed],
    });
    const forced = file(dir, "outputs/forced.json", "{}");
    add({
      id: "outputs.json-force",
      family: "outputs",
      title: "--json 已存在，加 --force 则替换",
      args: [input, "--json", forced, "--force"],
      code: 1,
      keep: [input],
      outputs: [forced],
      check: () =>
        JSON.parse(fs.readFileSync(forced, "utf8")).files?.length === 1
          ? []
          : ["--force did not replace the JSON report"],
    });
    const folder = path.join(dir, "outputs/out-folder");
    fs.mkdirSync(folder, { recursive: true });
    const existing = file(dir, "outputs/out-folder/input.checked.xlsx", "审计说明已填写");
    add({
      id: "outputs.copy-exists-in-folder",
      family: "outputs",
      title: "--out 文件夹中已有 NAME.checked.xlsx",
      args: [input, "--out", folder + path.sep],
      code: 2,
      err: [/已存在，未覆盖.*--force/],
      keep: [input, existing],
    });
    add({
      id: "outputs.json-is-folder",
      family: "outputs",
      title: "--json 指向文件夹",
      args: [input, "--json", folder],
      code: 2,
      err: [/是文件夹/],
      keep: [input],
    });
    add({
      id: "outputs.out-is-device",
      family: "outputs",
      title: "--out /dev/full（设备），即使加 --force",
      args: [input, "--out", "/dev/full", "--force"],
      code: 2,
      err: [/不是普通文件/],
      keep: [input],
    });
    const notDir = file(dir, "outputs/plain-file", "x");
    add({
      id: "outputs.out-under-a-file",
      family: "outputs",
      title: "--out 的上级路径是文件，无法写入",
      args: [input, "--out", path.join(notDir, "copy.xlsx")],
      code: 2,
      err: [/无法(创建输出文件夹|写入)/],
      keep: [input],
      absent: [path.join(notDir, "copy.xlsx")],
    });
    const both = out("both.xlsx");
    add({
      id: "outputs.out-equals-json",
      family: "outputs",
      title: "--out 与 --json 是同一个文件",
      args: [input, "--json", both, "--out", both],
      code: 2,
      err: [/同一个文件/],
      keep: [input],
    });
    const a = file(dir, "outputs/same/a/报表.xlsx", real());
    const b = file(dir, "outputs/same/b/报表.xlsx", real());
    const sameOut = path.join(dir, "out", "same");
    add({
      id: "outputs.same-name-two-folders",
      family: "outputs",
      title: "两个输入同名、位于不同文件夹：副本保留相对路径，互不覆盖",
      args: [path.join(dir, "outputs/same"), "--out", sameOut],
      code: 1,
      keep: [a, b],
      copies: [
        { file: path.join(sameOut, "a", "报表.checked.xlsx"), fromInput: a },
        { file: path.join(sameOut, "b", "报表.checked.xlsx"), fromInput: b },
      ],
    });
    const c1 = file(dir, "outputs/roots/one/报表.xlsx", real());
    const c2 = file(dir, "outputs/roots/two/报表.xlsx", real());
    const rootsOut = path.join(dir, "out", "roots");
    add({
      id: "outputs.same-relative-path",
      family: "outputs",
      title: "两个文件夹参数中相对路径相同的输入：第二个副本另起名称",
      args: [path.join(dir, "outputs/roots/one"), path.join(dir, "outputs/roots/two"), "--out", rootsOut],
      code: 1,
      keep: [c1, c2],
      copies: [
        { file: path.join(rootsOut, "报表.checked.xlsx"), fromInput: c1 },
        { file: path.join(rootsOut, "报表 (2).checked.xlsx"), fromInput: c2 },
      ],
    });
    add({
      id: "outputs.no-temporary-left",
      family: "outputs",
      title: "写入失败不留下临时文件",
      args: [input, "--out", path.join(notDir, "x.xlsx")],
      code: 2,
      keep: [input],
      check: () =>
        fs
          .readdirSync(path.join(dir, "outputs"))
          .filter((n) => n.endsWith(".tmp"))
          .map((n) => `temporary file left: ${n}`),
    });
    const copy = out("outputs-copy.xlsx");
    add({
      id: "outputs.copy-and-json",
      family: "outputs",
      title: "正常生成批注副本与 JSON 报告",
      args: [input, "--out", copy, "--json", out("outputs.json")],
      code: 1,
      out: [/批注副本：/],
      keep: [input],
      copies: [{ file: copy, fromInput: input }],
      outputs: [out("outputs.json")],
    });
  }

  // --- columns: the recomputed columns never change a figure or a formula's meaning ----------------
  {
    // A merged cell crossing the table's right edge where the recomputed column would go, holding text.
    const merged = baseParts();
    edit(merged, SHEET, (x) =>
      x
        .replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:M17"/>')
        .replace(
          /(<row r="13"[^>]*>)([\s\S]*?)(<\/row>)/,
          (_m, open, body, close) => `${open}${body}${inlineCell("K13", "偏差原因：项目调整")}${close}`,
        )
        .replace("</mergeCells>", '<mergeCell ref="K13:M13"/></mergeCells>'),
    );
    const mergedFile = file(dir, "columns/merged-edge.xlsx", zip(merged));
    const mergedCopy = out("merged-edge.xlsx");
    add({
      id: "columns.merged-across-edge",
      family: "columns",
      title: "复核列位置有跨越表格右缘的合并单元格（含文字）",
      args: [mergedFile, "--out", mergedCopy, "--insert-columns"],
      code: 1,
      keep: [mergedFile],
      copies: [{ file: mergedCopy }],
      check: () => {
        const wb = XLSX.read(fs.readFileSync(mergedCopy), { type: "buffer" });
        const ws = wb.Sheets[wb.SheetNames[0]];
        return ws["K13"]?.v === "偏差原因：项目调整" ? [] : [`K13 changed to ${JSON.stringify(ws["K13"]?.v)}`];
      },
    });
    // Formulas to the right of the table that refer across where columns would be inserted.
    const formulas = baseParts();
    edit(formulas, SHEET, (x) =>
      x
        .replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:N17"/>')
        .replace(
          /(<row r="13"[^>]*>)([\s\S]*?)(<\/row>)/,
          (_m, open, body, close) =>
            `${open}${body}<c r="L13"><v>7</v></c><c r="M13"><v>8</v></c><c r="N13"><f>SUM(I13:M13)</f><v>${"__SUM__"}</v></c>${close}`,
        ),
    );
    // The cached value is the sum as Excel would have saved it.
    const i13 = Number(/<c r="I13"[^>]*>(?:<f>[^<]*<\/f>)?<v>([^<]*)<\/v>/.exec(text(formulas, SHEET))?.[1] ?? 0);
    edit(formulas, SHEET, (x) => x.replace("__SUM__", String(i13 + 15)));
    const formulasFile = file(dir, "columns/formulas-across.xlsx", zip(formulas));
    const formulasCopy = out("formulas-across.xlsx");
    add({
      id: "columns.formulas-across",
      family: "columns",
      title: "表格右侧紧挨着的公式引用跨过复核列位置：不插入整列，说明原因",
      args: [formulasFile, "--out", formulasCopy, "--insert-columns"],
      code: 1,
      err: [/需要插入整列.*未写入/],
      keep: [formulasFile],
      copies: [{ file: formulasCopy, fromInput: undefined }],
      check: () => {
        const wb = XLSX.read(fs.readFileSync(formulasCopy), { type: "buffer" });
        const ws = wb.Sheets[wb.SheetNames[0]];
        return ws["N13"]?.f === "SUM(I13:M13)" && ws["L13"]?.v === 7 ? [] : [`N13 is ${JSON.stringify(ws["N13"])}`];
      },
    });
    const plain = file(dir, "columns/plain.xlsx", real());
    const plainCopy = out("columns-plain.xlsx");
    add({
      id: "columns.values-written",
      family: "columns",
      title: "复核列写入表格右侧的空白单元格",
      args: [plain, "--out", plainCopy, "--insert-columns", "--export"],
      code: 1,
      out: [/写入复核值 \d+ 个/, /工作底稿「复核结果」/],
      keep: [plain],
      copies: [{ file: plainCopy, fromInput: plain }],
    });
    add({
      id: "columns.without-out",
      family: "columns",
      title: "--insert-columns 未给 --out",
      args: [plain, "--insert-columns"],
      code: 2,
      err: [/--out/],
      keep: [plain],
    });
    // A workbook already holding a sheet named 复核结果 (an earlier export): the new one gets its own name.
    const paper = baseParts();
    edit(paper, "xl/workbook.xml", (x) =>
      x.replace("</sheets>", '<sheet name="复核结果" sheetId="9" r:id="rIdP"/></sheets>'),
    );
    addRel(paper, "xl/_rels/workbook.xml.rels", "rIdP", "worksheet", "worksheets/sheet9.xml");
    put(paper, "xl/worksheets/sheet9.xml", sheetXml(`<row r="1">${inlineCell("A1", "审计说明：已复核")}</row>`));
    addOverride(paper, "xl/worksheets/sheet9.xml", `${CT}.spreadsheetml.worksheet+xml`);
    const paperFile = file(dir, "columns/has-paper.xlsx", zip(paper));
    const paperCopy = out("has-paper.xlsx");
    add({
      id: "columns.existing-paper-kept",
      family: "columns",
      title: "已有「复核结果」工作表：原表保留，新底稿另起名称",
      args: [paperFile, "--out", paperCopy, "--export"],
      code: 1,
      keep: [paperFile],
      copies: [{ file: paperCopy, fromInput: paperFile }],
      check: () => {
        const wb = XLSX.read(fs.readFileSync(paperCopy), { type: "buffer" });
        const problems: string[] = [];
        if (wb.Sheets["复核结果"]?.["A1"]?.v !== "审计说明：已复核")
          problems.push("the earlier 复核结果 sheet was changed");
        if (wb.SheetNames.length !== 3) problems.push(`sheets: ${wb.SheetNames.join(",")}`);
        return problems;
      },
    });
  }

  // --- bounds: bounded time and memory --------------------------------------------------------------
  {
    const xfd = file(
      dir,
      "bounds/xfd.xlsx",
      zip(
        minimalWorkbook([
          { name: "表1", xml: sheetXml(`<row r="1">${inlineCell("A1", "项目名称")}<c r="XFD1"><v>5</v></c></row>`) },
        ]),
      ),
    );
    add({
      id: "bounds.cell-in-xfd",
      family: "bounds",
      title: "XFD 列有一个单元格",
      args: [xfd, "--json", out("xfd.json")],
      code: 0,
      keep: [xfd],
      outputs: [out("xfd.json")],
      check: () =>
        fs.readFileSync(out("xfd.json"), "utf8").includes("cell.out-of-range") ? [] : ["no cell.out-of-range finding"],
    });
    const xfdCopy = out("xfd.xlsx");
    add({
      id: "bounds.cell-in-xfd-copy",
      family: "bounds",
      title: "XFD 列有单元格时生成副本",
      args: [xfd, "--out", xfdCopy],
      code: 0,
      keep: [xfd],
      copies: [{ file: xfdCopy, fromInput: xfd }],
    });
    const lastRow = file(
      dir,
      "bounds/last-row.xlsx",
      zip(
        minimalWorkbook([
          {
            name: "表1",
            xml: sheetXml(
              `<row r="1">${inlineCell("A1", "x")}</row><row r="1048576"><c r="A1048576"><v>1</v></c></row>`,
            ),
          },
        ]),
      ),
    );
    add({
      id: "bounds.cell-in-last-row",
      family: "bounds",
      title: "第 1048576 行有一个单元格",
      args: [lastRow],
      code: 0,
      out: [/cell\.out-of-range|超出/],
      keep: [lastRow],
    });
    const dimension = file(
      dir,
      "bounds/huge-dimension.xlsx",
      zip(
        minimalWorkbook([
          {
            name: "表1",
            xml: sheetXml(`<row r="1">${inlineCell("A1", "x")}</row>`).replace(
              "<sheetData>",
              '<dimension ref="A1:XFD1048576"/><sheetData>',
            ),
          },
        ]),
      ),
    );
    add({
      id: "bounds.declared-dimension",
      family: "bounds",
      title: "声明的区域为整个工作表（A1:XFD1048576）",
      args: [dimension],
      code: 0,
      keep: [dimension],
    });
    const bomb = file(dir, "bounds/part-bomb.xlsx", inflating(70 * 1024 * 1024));
    add({
      id: "bounds.part-inflates",
      family: "bounds",
      title: "压缩后很小、解压后超过 64 MB 的工作表部件",
      args: [bomb],
      code: 2,
      err: [/part-bomb\.xlsx：.*(64 MB|上限)/],
      keep: [bomb],
    });
    const bombBatch = out("bomb-summary.xlsx");
    add({
      id: "bounds.part-inflates-batch",
      family: "bounds",
      title: "批量校验中的超限文件列入失败，其余照常",
      args: [bomb, xfd, "--summary", bombBatch],
      code: 2,
      err: [/part-bomb\.xlsx/],
      keep: [bomb, xfd],
      outputs: [bombBatch],
    });
    const declared = minimalWorkbook([{ name: "表1", xml: sheetXml(`<row r="1">${inlineCell("A1", "x")}</row>`) }]);
    const lying = zip(declared);
    const big = file(dir, "bounds/over-100mb.xlsx", lying);
    add({
      id: "bounds.file-over-limit",
      family: "bounds",
      title: "超过 100 MB 的文件在读取前即拒绝",
      args: [big],
      code: 2,
      err: [/超过 100 MB 的读取上限/],
      keep: [],
      before: () => fs.truncateSync(big, 101 * 1024 * 1024), // sparse: no disk used
    });
    const manyRows = Array.from(
      { length: 5000 },
      (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`,
    ).join("");
    const rows = file(dir, "bounds/many-rows.xlsx", zip(minimalWorkbook([{ name: "表1", xml: sheetXml(manyRows) }])));
    add({
      id: "bounds.many-rows",
      family: "bounds",
      title: "5,000 行数字、无表格",
      args: [rows],
      code: 0,
      out: [/没有|no table|0 tables/],
      keep: [rows],
    });
    const tiny = `<row>${"<c><v>1</v></c>".repeat(16)}</row>`.repeat(100_000);
    const tooMany = file(dir, "bounds/1.6-million-cells.xlsx", zip(minimalWorkbook([{ name: "表1", xml: sheetXml(tiny) }]), 9));
    add({ id: "bounds.too-many-cells", family: "bounds", title: "160 万个单元格（每个 16 字节）：解析前即拒绝", args: [tooMany], code: 2, err: [/有超过 150 万个单元格/], keep: [tooMany] });
    const sheets = Array.from({ length: 300 }, (_, i) => ({
      name: `表${i + 1}`,
      xml: sheetXml(`<row r="1">${inlineCell("A1", String(i))}</row>`),
    }));
    const many = file(dir, "bounds/300-sheets.xlsx", zip(minimalWorkbook(sheets)));
    add({ id: "bounds.many-sheets", family: "bounds", title: "300 个工作表", args: [many], code: 0, keep: [many] });
    const longText = file(
      dir,
      "bounds/long-text.xlsx",
      zip(
        minimalWorkbook([
          { name: "表1", xml: sheetXml(`<row r="1">${inlineCell("A1", "长".repeat(2_000_000))}</row>`) },
        ]),
      ),
    );
    add({
      id: "bounds.long-text",
      family: "bounds",
      title: "一个单元格有 200 万字",
      args: [longText],
      code: 0,
      keep: [longText],
    });
    const merges = Array.from({ length: 20000 }, (_, i) => `<mergeCell ref="A${2 * i + 1}:B${2 * i + 2}"/>`).join("");
    const mergeFile = file(
      dir,
      "bounds/20000-merges.xlsx",
      zip(
        minimalWorkbook([
          {
            name: "表1",
            xml: sheetXml(
              `<row r="1">${inlineCell("A1", "x")}</row>`,
              `<mergeCells count="20000">${merges}</mergeCells>`,
            ),
          },
        ]),
      ),
    );
    add({
      id: "bounds.many-merges",
      family: "bounds",
      title: "2 万个合并区域",
      args: [mergeFile],
      code: 0,
      keep: [mergeFile],
    });
    const nested = file(
      dir,
      "bounds/deep-xml.xlsx",
      zip(
        minimalWorkbook([
          {
            name: "表1",
            xml: sheetXml(
              `<row r="1">${inlineCell("A1", "x")}</row>`,
              `<extLst>${"<ext>".repeat(5000)}${"</ext>".repeat(5000)}</extLst>`,
            ),
          },
        ]),
      ),
    );
    add({
      id: "bounds.deep-xml",
      family: "bounds",
      title: "嵌套 5,000 层的 XML 元素",
      args: [nested],
      code: 0,
      keep: [nested],
    });
    const entities = file(
      dir,
      "bounds/xml-entities.xlsx",
      zip(
        minimalWorkbook([
          {
            name: "表1",
            xml: `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><worksheet xmlns="${NS.main}"><sheetData><row r="1">${inlineCell("A1", "&lol3;")}</row></sheetData></worksheet>`,
          },
        ]),
      ),
    );
    add({
      id: "bounds.xml-entities",
      family: "bounds",
      title: "XML 实体膨胀（billion laughs）",
      args: [entities],
      code: 0,
      keep: [entities],
    });
  }

  // --- failures: one clear message per problem, and the run goes on ----------------------------------
  {
    const good = file(dir, "failures/good.xlsx", real());
    const broken = file(dir, "failures/broken.xlsx", "这不是工作簿");
    add({
      id: "failures.one-broken-of-two",
      family: "failures",
      title: "两个输入之一无法读取：另一个照常校验，退出码 2",
      args: [broken, good, "--json", out("two.json")],
      code: 2,
      err: [/broken\.xlsx：/],
      out: [checked],
      keep: [broken, good],
      outputs: [out("two.json")],
      check: () =>
        JSON.parse(fs.readFileSync(out("two.json"), "utf8")).files.length === 2
          ? []
          : ["the JSON report does not list both files"],
    });
    add({
      id: "failures.missing-input",
      family: "failures",
      title: "输入文件不存在",
      args: [path.join(dir, "failures/none.xlsx")],
      code: 2,
      err: [/找不到文件或文件夹/],
      keep: [],
    });
    add({
      id: "failures.missing-and-good",
      family: "failures",
      title: "一个输入不存在，另一个照常校验",
      args: [path.join(dir, "failures/none.xlsx"), good],
      code: 2,
      err: [/找不到文件或文件夹/],
      out: [checked],
      keep: [good],
    });
    fs.mkdirSync(path.join(dir, "failures/empty-folder"), { recursive: true });
    add({
      id: "failures.folder-without-workbooks",
      family: "failures",
      title: "文件夹中没有工作簿",
      args: [path.join(dir, "failures/empty-folder")],
      code: 2,
      err: [/没有工作簿/],
      keep: [],
    });
    add({
      id: "failures.dev-null",
      family: "failures",
      title: "输入是 /dev/null（设备）",
      args: ["/dev/null"],
      code: 2,
      err: [/不是普通文件/],
      keep: [],
    });
    const fifo = path.join(dir, "failures/pipe.xlsx");
    add({
      id: "failures.fifo",
      family: "failures",
      title: "输入是命名管道（读取会永远等待）",
      args: [fifo],
      code: 2,
      err: [/不是普通文件/],
      keep: [],
      before: () => {
        if (!fs.existsSync(fifo)) require("child_process").execFileSync("mkfifo", [fifo]);
      },
    });
    add({
      id: "failures.folder-as-file",
      family: "failures",
      title: "--json 之外的参数中文件夹被当作文件",
      args: [path.join(dir, "failures"), "--sheet", "不存在的表"],
      code: 2,
      err: [/没有名为“不存在的表”的工作表/],
      keep: [good],
    });
    add({
      id: "failures.unknown-option",
      family: "failures",
      title: "未知选项",
      args: [good, "--outt", "x.xlsx"],
      code: 2,
      err: [/Usage|用法/],
      keep: [good],
    });
    add({
      id: "failures.profile-proto",
      family: "failures",
      title: "--profile __proto__",
      args: [good, "--profile", "__proto__"],
      code: 2,
      err: [/无法识别的评分口径「__proto__」/],
      keep: [good],
    });
    add({
      id: "failures.profile-tostring",
      family: "failures",
      title: "--profile toString",
      args: [good, "--profile", "toString"],
      code: 2,
      err: [/无法识别的评分口径「toString」/],
      keep: [good],
    });
    const bom = file(
      dir,
      "failures/bom-profile.json",
      "\uFEFF" + JSON.stringify({ id: "county-c", name: "某县口径丙" }),
    );
    add({
      id: "failures.profile-bom",
      family: "failures",
      title: "评分口径文件带 UTF-8 BOM",
      args: [good, "--profile", bom],
      code: 1,
      out: [/county-c/],
      keep: [good, bom],
    });
    const reserved = file(dir, "failures/reserved-profile.json", JSON.stringify({ id: "auto" }));
    add({
      id: "failures.profile-reserved",
      family: "failures",
      title: "评分口径文件使用保留名称 auto",
      args: [good, "--profile", reserved],
      code: 2,
      err: [/"auto" 是保留的名称/],
      keep: [good],
    });
    const unreadableDir = path.join(dir, "failures/batch");
    file(dir, "failures/batch/a.xlsx", real());
    file(dir, "failures/batch/b.xlsx", "not a workbook");
    file(dir, "failures/batch/c.xls", "<html><body><table><tr><td>项目名称</td></tr></table></body></html>");
    add({
      id: "failures.batch-goes-on",
      family: "failures",
      title: "批量校验：坏文件列入失败，其余照常",
      args: [unreadableDir, "--summary", out("batch.xlsx")],
      code: 2,
      err: [/b\.xlsx：这是文本文件/, /c\.xls：这是网页/],
      keep: [],
      outputs: [out("batch.xlsx")],
    });
    add({
      id: "failures.summary-unwritable",
      family: "failures",
      title: "汇总表无法写入：说明原因，不出现堆栈",
      args: [good, "--summary", path.join(dir, "failures/good.xlsx/sum.xlsx")],
      code: 2,
      err: [/无法(创建输出文件夹|写入)/],
      keep: [good],
    });
  }

  // --- kinds: know what a file is by its bytes -----------------------------------------------------
  {
    const xls = file(dir, "kinds/biff8.xls", baseAs("xls"));
    add({
      id: "kinds.xls",
      family: "kinds",
      title: "Excel 97-2003 工作簿（.xls）：只读校验",
      args: [xls],
      code: 1,
      out: [checked],
      keep: [xls],
    });
    const et = file(dir, "kinds/wps.et", baseAs("xls"));
    add({
      id: "kinds.et",
      family: "kinds",
      title: "WPS 表格（.et，BIFF 格式）：只读校验",
      args: [et],
      code: 1,
      out: [checked],
      keep: [et],
    });
    const xlsCopy = out("biff8.xlsx");
    add({
      id: "kinds.xls-no-copy",
      family: "kinds",
      title: ".xls 不生成批注副本，说明原因",
      args: [xls, "--out", xlsCopy],
      code: 2,
      err: [/不是 \.xlsx 工作簿.*另存为 \.xlsx/],
      keep: [xls],
      absent: [xlsCopy],
    });
    const ods = file(dir, "kinds/calc.ods", baseAs("ods"));
    add({
      id: "kinds.ods",
      family: "kinds",
      title: "OpenDocument 表格（.ods）：只读校验",
      args: [ods],
      code: 1,
      out: [checked],
      keep: [ods],
    });
    const xlsb = file(dir, "kinds/binary.xlsb", baseAs("xlsb"));
    add({
      id: "kinds.xlsb",
      family: "kinds",
      title: "Excel 二进制工作簿（.xlsb）",
      args: [xlsb],
      code: 1,
      out: [checked],
      keep: [xlsb],
    });
    add({
      id: "kinds.xlsb-no-copy",
      family: "kinds",
      title: ".xlsb 不生成批注副本，说明原因",
      args: [xlsb, "--out", out("binary.xlsx")],
      code: 2,
      err: [/不是 \.xlsx 工作簿.*另存为 \.xlsx/],
      keep: [xlsb],
      absent: [out("binary.xlsx")],
    });
    const csv = file(dir, "kinds/table.xlsx", baseAs("csv"));
    add({
      id: "kinds.csv-named-xlsx",
      family: "kinds",
      title: "扩展名为 .xlsx 的 CSV",
      args: [csv],
      code: 2,
      err: [/这是文本文件/],
      keep: [csv],
    });
    const html = file(dir, "kinds/export.xls", baseAs("html"));
    add({
      id: "kinds.html-named-xls",
      family: "kinds",
      title: "财务系统导出的网页格式“.xls”",
      args: [html],
      code: 2,
      err: [/这是网页（HTML）格式的表格/],
      keep: [html],
    });
    const xml2003 = file(
      dir,
      "kinds/2003.xml",
      `<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="表1" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Table><Row><Cell><Data ss:Type="String">项目</Data></Cell></Row></Table></Worksheet></Workbook>`,
    );
    add({
      id: "kinds.spreadsheetml-2003",
      family: "kinds",
      title: "Excel 2003 XML 表格",
      args: [xml2003],
      code: 2,
      err: [/Excel 2003 XML 表格/],
      keep: [xml2003],
    });
    const cfb = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(cfb, "/EncryptionInfo", new Uint8Array([4, 0, 4, 0, 0x40, 0, 0, 0]));
    XLSX.CFB.utils.cfb_add(cfb, "/EncryptedPackage", new Uint8Array(4096).fill(0x5a));
    const encrypted = file(
      dir,
      "kinds/password.xlsx",
      new Uint8Array(XLSX.CFB.write(cfb, { type: "buffer" }) as Buffer),
    );
    add({
      id: "kinds.encrypted",
      family: "kinds",
      title: "设有打开密码的工作簿",
      args: [encrypted],
      code: 2,
      err: [/设有打开密码/],
      keep: [encrypted],
    });
    const docx = file(
      dir,
      "kinds/report.docx",
      zip({ "[Content_Types].xml": strToU8("<Types/>"), "word/document.xml": strToU8("<w:document/>") }),
    );
    add({
      id: "kinds.docx",
      family: "kinds",
      title: "Word 文档",
      args: [docx],
      code: 2,
      err: [/这是 Word 文档/],
      keep: [docx],
    });
    const docxNamed = file(dir, "kinds/report-named.xlsx", fs.readFileSync(docx));
    add({
      id: "kinds.docx-named-xlsx",
      family: "kinds",
      title: "扩展名为 .xlsx 的 Word 文档",
      args: [docxNamed],
      code: 2,
      err: [/这是 Word 文档/],
      keep: [docxNamed],
    });
    const pptx = file(
      dir,
      "kinds/slides.xlsx",
      zip({ "[Content_Types].xml": strToU8("<Types/>"), "ppt/presentation.xml": strToU8("<p:presentation/>") }),
    );
    add({
      id: "kinds.pptx",
      family: "kinds",
      title: "PowerPoint 演示文稿",
      args: [pptx],
      code: 2,
      err: [/PowerPoint/],
      keep: [pptx],
    });
    const plainZip = file(dir, "kinds/archive.xlsx", zip({ "说明.txt": strToU8("附件") }));
    add({
      id: "kinds.plain-zip",
      family: "kinds",
      title: "普通压缩包",
      args: [plainZip],
      code: 2,
      err: [/这是压缩包/],
      keep: [plainZip],
    });
    const empty = file(dir, "kinds/empty.xlsx", new Uint8Array(0));
    add({
      id: "kinds.empty",
      family: "kinds",
      title: "0 字节文件",
      args: [empty],
      code: 2,
      err: [/文件为空/],
      keep: [empty],
    });
    const noise = file(
      dir,
      "kinds/noise.xlsx",
      Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256),
    );
    add({
      id: "kinds.random-bytes",
      family: "kinds",
      title: "无法识别的二进制内容",
      args: [noise],
      code: 2,
      err: [/无法识别的文件格式/],
      keep: [noise],
    });
    const truncated = file(dir, "kinds/truncated.xlsx", real().subarray(0, 3000));
    add({
      id: "kinds.truncated",
      family: "kinds",
      title: "下载不完整（截断）的工作簿",
      args: [truncated],
      code: 2,
      err: [/损坏的压缩包/],
      keep: [truncated],
    });
    const noSheets = minimalWorkbook([]);
    const noSheetsFile = file(dir, "kinds/no-sheets.xlsx", zip(noSheets));
    add({
      id: "kinds.no-sheets",
      family: "kinds",
      title: "没有任何工作表的工作簿",
      args: [noSheetsFile],
      code: 2,
      err: [/没有任何工作表/],
      keep: [noSheetsFile],
    });
    const missingPart = minimalWorkbook([{ name: "表1", xml: sheetXml("") }]);
    delete missingPart["xl/worksheets/sheet1.xml"];
    const missingPartFile = file(dir, "kinds/sheet-part-missing.xlsx", zip(missingPart));
    add({
      id: "kinds.sheet-part-missing",
      family: "kinds",
      title: "工作表部件缺失",
      args: [missingPartFile],
      code: 2,
      err: [/工作表/],
      keep: [missingPartFile],
    });
    const utf16 = file(dir, "kinds/utf16.xlsx", Buffer.from("\uFEFF项目名称,全年预算数\n", "utf16le"));
    add({
      id: "kinds.utf16-text",
      family: "kinds",
      title: "UTF-16 文本文件",
      args: [utf16],
      code: 2,
      err: [/无法识别的文件格式|文本文件/],
      keep: [utf16],
    });
    const uncached = file(
      dir,
      "kinds/uncached.xlsx",
      zip(
        minimalWorkbook([
          {
            name: "表1",
            xml: sheetXml(`<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c><c r="C1"><f>A1+B1</f></c></row>`),
          },
        ]),
      ),
    );
    add({
      id: "kinds.formula-without-value",
      family: "kinds",
      title: "公式没有保存计算结果",
      args: [uncached, "--json", out("uncached.json")],
      code: 0,
      keep: [uncached],
      outputs: [out("uncached.json")],
      check: () =>
        /"cell.no-cached-value"[\s\S]*"cell": "C1"|"cell": "C1"[\s\S]*"cell.no-cached-value"/.test(
          fs.readFileSync(out("uncached.json"), "utf8"),
        )
          ? []
          : ["no cell.no-cached-value finding at C1"],
    });
    const xlsm = real();
    const xlsmFile = file(dir, "kinds/macro.xlsm", xlsm);
    const xlsmCopy = out("macro.checked.xlsx");
    add({
      id: "kinds.xlsm",
      family: "kinds",
      title: "启用宏的工作簿（.xlsm）",
      args: [xlsmFile, "--out", xlsmCopy],
      code: 1,
      keep: [xlsmFile],
      copies: [{ file: xlsmCopy, fromInput: xlsmFile }],
    });
  }

  // --- copy: every file other tools write is read, and the copy keeps everything ----------------------
  {
    const rich = file(dir, "copy/rich.xlsx", zip(richParts()));
    const richCopy = out("rich.xlsx");
    add({
      id: "copy.keeps-everything",
      family: "copy",
      title: "图表、图片、工作表与工作簿保护、数据验证、条件格式、名称、已有批注、自定义 XML 全部保留",
      args: [rich, "--out", richCopy, "--export"],
      code: 1,
      keep: [rich],
      copies: [{ file: richCopy, fromInput: rich }],
      check: () => {
        const p = unzip(fs.readFileSync(richCopy));
        const problems: string[] = [];
        const sheet = strFromU8(p[SHEET]);
        for (const [what, needle] of [
          ["sheet protection", "<sheetProtection "],
          ["data validation", "<dataValidation "],
          ["conditional format", "<conditionalFormatting "],
          ["drawing", "<drawing "],
          ["legacy drawing", "<legacyDrawing "],
        ])
          if (!sheet.includes(needle)) problems.push(`${what} lost`);
        const wb = strFromU8(p["xl/workbook.xml"]);
        if (!wb.includes("<workbookProtection ")) problems.push("workbook protection lost");
        if (!wb.includes('name="指标得分"')) problems.push("defined name lost");
        for (const part of [
          "xl/charts/chart1.xml",
          "xl/media/image1.png",
          "xl/drawings/drawing1.xml",
          "customXml/item1.xml",
        ])
          if (!p[part]) problems.push(`${part} lost`);
        const comments = strFromU8(p["xl/comments1.xml"] ?? new Uint8Array());
        if (!comments.includes("初审：得分待核。")) problems.push("the existing note's text was lost");
        if (!/初审：得分待核。[\s\S]*———[\s\S]*复核/.test(comments))
          problems.push("the finding was not appended to the existing note");
        return problems;
      },
    });
    const chartsheet = baseParts();
    put(
      chartsheet,
      "xl/chartsheets/sheet2.xml",
      `${XML_HEAD}<chartsheet xmlns="${NS.main}" xmlns:r="${NS.rel}"><sheetViews><sheetView workbookViewId="0"/></sheetViews><drawing r:id="rId1"/></chartsheet>`,
    );
    put(
      chartsheet,
      "xl/drawings/drawing2.xml",
      `${XML_HEAD}<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${NS.rel}" xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"><xdr:absoluteAnchor><xdr:pos x="0" y="0"/><xdr:ext cx="9000000" cy="6000000"/><xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="图表 1"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart r:id="rId1"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:absoluteAnchor></xdr:wsDr>`,
    );
    put(chartsheet, "xl/charts/chart2.xml", CHART_XML);
    addRel(chartsheet, "xl/chartsheets/_rels/sheet2.xml.rels", "rId1", "drawing", "../drawings/drawing2.xml");
    addRel(chartsheet, "xl/drawings/_rels/drawing2.xml.rels", "rId1", "chart", "../charts/chart2.xml");
    addRel(chartsheet, "xl/_rels/workbook.xml.rels", "rIdCs", "chartsheet", "chartsheets/sheet2.xml");
    addOverride(chartsheet, "xl/chartsheets/sheet2.xml", `${CT}.spreadsheetml.chartsheet+xml`);
    addOverride(chartsheet, "xl/drawings/drawing2.xml", `${CT}.drawing+xml`);
    addOverride(chartsheet, "xl/charts/chart2.xml", `${CT}.drawingml.chart+xml`);
    edit(chartsheet, "xl/workbook.xml", (x) =>
      x.replace("</sheets>", '<sheet name="图表" sheetId="2" r:id="rIdCs"/></sheets>'),
    );
    const chartsheetFile = file(dir, "copy/chartsheet.xlsx", zip(chartsheet));
    const chartsheetCopy = out("chartsheet.xlsx");
    add({
      id: "copy.chartsheet",
      family: "copy",
      title: "含图表工作表（chartsheet）的工作簿",
      args: [chartsheetFile, "--out", chartsheetCopy],
      code: 1,
      keep: [chartsheetFile],
      copies: [{ file: chartsheetCopy, fromInput: chartsheetFile }],
    });

    // openpyxl's way: comments with its own VML, the legacyDrawing rel named anew, an image anchored oneCell.
    const openpyxl = baseParts();
    withExistingNote(openpyxl);
    edit(openpyxl, "xl/comments1.xml", (x) =>
      x
        .replace('ref="I13"', 'ref="A1"')
        .replace(/<authors>.*?<\/authors>/, "<authors><author>openpyxl</author></authors>"),
    );
    const openpyxlFile = file(dir, "copy/openpyxl.xlsx", zip(openpyxl));
    const openpyxlCopy = out("openpyxl.xlsx");
    add({
      id: "copy.openpyxl-comments",
      family: "copy",
      title: "openpyxl 写的批注（未标注的单元格）保留",
      args: [openpyxlFile, "--out", openpyxlCopy],
      code: 1,
      keep: [openpyxlFile],
      copies: [{ file: openpyxlCopy, fromInput: openpyxlFile }],
      check: () =>
        strFromU8(unzip(fs.readFileSync(openpyxlCopy))["xl/comments1.xml"]).includes('ref="A1"')
          ? []
          : ["the note on A1 was lost"],
    });

    const prefixed = file(
      dir,
      "copy/prefixed.xlsx",
      zip(
        minimalWorkbook([
          {
            name: "表1",
            xml: `${XML_HEAD}<x:worksheet xmlns:x="${NS.main}"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>项目名称</x:t></x:is></x:c><x:c r="B1"><x:v>7</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
          },
        ]),
      ),
    );
    const prefixedCopy = out("prefixed.xlsx");
    add({
      id: "copy.prefixed-namespace",
      family: "copy",
      title: "带前缀的 XML 命名空间（x:worksheet）",
      args: [prefixed, "--out", prefixedCopy, "--export"],
      code: 0,
      keep: [prefixed],
      copies: [{ file: prefixedCopy, fromInput: prefixed }],
    });

    const noR = baseParts();
    edit(noR, SHEET, (x) => x.replace(/<row r="\d+"/g, "<row").replace(/<c r="[A-Z]+\d+"/g, "<c"));
    const noRFile = file(dir, "copy/rows-without-r.xlsx", zip(noR));
    const noRCopy = out("rows-without-r.xlsx");
    add({
      id: "copy.rows-without-r",
      family: "copy",
      title: "行与单元格没有 r 属性（脚本写的文件）",
      args: [noRFile, "--out", noRCopy],
      code: 1,
      keep: [noRFile],
      copies: [{ file: noRCopy, fromInput: noRFile }],
    });

    const overlap = baseParts();
    edit(overlap, SHEET, (x) => x.replace("</mergeCells>", '<mergeCell ref="A13:B14"/></mergeCells>'));
    const overlapFile = file(dir, "copy/overlapping-merges.xlsx", zip(overlap));
    const overlapCopy = out("overlapping-merges.xlsx");
    add({
      id: "copy.overlapping-merges",
      family: "copy",
      title: "重叠的合并区域（Excel 会修复）",
      args: [overlapFile, "--out", overlapCopy],
      code: 1,
      keep: [overlapFile],
      copies: [{ file: overlapCopy, fromInput: overlapFile }],
    });

    const noStyles = baseParts();
    delete noStyles["xl/styles.xml"];
    edit(noStyles, "xl/_rels/workbook.xml.rels", (x) => x.replace(/<Relationship [^>]*styles[^>]*\/>/, ""));
    edit(noStyles, "[Content_Types].xml", (x) => x.replace(/<Override PartName="\/xl\/styles.xml"[^>]*\/>/, ""));
    edit(noStyles, SHEET, (x) => x.replace(/ s="\d+"/g, ""));
    const noStylesFile = file(dir, "copy/no-styles.xlsx", zip(noStyles));
    const noStylesCopy = out("no-styles.xlsx");
    add({
      id: "copy.no-styles-part",
      family: "copy",
      title: "没有样式部件的工作簿",
      args: [noStylesFile, "--out", noStylesCopy],
      code: 1,
      keep: [noStylesFile],
      copies: [{ file: noStylesCopy, fromInput: noStylesFile }],
    });

    const absolute = baseParts();
    edit(absolute, "xl/_rels/workbook.xml.rels", (x) =>
      x.replace('Target="worksheets/sheet1.xml"', 'Target="/xl/worksheets/sheet1.xml"'),
    );
    const absoluteFile = file(dir, "copy/absolute-targets.xlsx", zip(absolute));
    const absoluteCopy = out("absolute-targets.xlsx");
    add({
      id: "copy.absolute-targets",
      family: "copy",
      title: "关系目标为绝对路径（/xl/worksheets/…）",
      args: [absoluteFile, "--out", absoluteCopy],
      code: 1,
      keep: [absoluteFile],
      copies: [{ file: absoluteCopy, fromInput: absoluteFile }],
    });

    const threaded = baseParts();
    put(
      threaded,
      "xl/threadedComments/threadedComment1.xml",
      `${XML_HEAD}<ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"><threadedComment ref="I14" dT="2024-05-01T08:00:00.00" personId="{00000000-0000-0000-0000-000000000001}" id="{00000000-0000-0000-0000-000000000002}"><text>请核对得分</text></threadedComment></ThreadedComments>`,
    );
    put(
      threaded,
      "xl/persons/person.xml",
      `${XML_HEAD}<personList xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"><person displayName="复核人" id="{00000000-0000-0000-0000-000000000001}" userId="reviewer" providerId="None"/></personList>`,
    );
    addRel(
      threaded,
      "xl/worksheets/_rels/sheet1.xml.rels",
      "rIdTc",
      "http://schemas.microsoft.com/office/2017/10/relationships/threadedComment",
      "../threadedComments/threadedComment1.xml",
    );
    addRel(
      threaded,
      "xl/_rels/workbook.xml.rels",
      "rIdPs",
      "http://schemas.microsoft.com/office/2017/10/relationships/person",
      "persons/person.xml",
    );
    addOverride(threaded, "xl/threadedComments/threadedComment1.xml", "application/vnd.ms-excel.threadedcomments+xml");
    addOverride(threaded, "xl/persons/person.xml", "application/vnd.ms-excel.person+xml");
    const threadedFile = file(dir, "copy/threaded-comments.xlsx", zip(threaded));
    const threadedCopy = out("threaded-comments.xlsx");
    add({
      id: "copy.threaded-comments",
      family: "copy",
      title: "已有的会话式批注（threaded comments）保留",
      args: [threadedFile, "--out", threadedCopy],
      code: 1,
      keep: [threadedFile],
      copies: [{ file: threadedCopy, fromInput: threadedFile }],
    });

    // Files the programs themselves wrote (scripts/written-by.sh: openpyxl 3.0.9 and LibreOffice 7.4 from Debian).
    const writtenBy = path.join(__dirname, "..", "fixtures", "written-by");
    const byOpenpyxl = path.join(writtenBy, "openpyxl.xlsx");
    const byOpenpyxlCopy = out("by-openpyxl.xlsx");
    add({
      id: "copy.written-by-openpyxl",
      family: "copy",
      title: "openpyxl 写的工作簿（批注、图片、数据验证）：读取，副本全部保留",
      args: [byOpenpyxl, "--out", byOpenpyxlCopy, "--export"],
      code: 1,
      keep: [byOpenpyxl],
      copies: [{ file: byOpenpyxlCopy, fromInput: byOpenpyxl }],
      check: () => {
        const p = unzip(fs.readFileSync(byOpenpyxlCopy));
        const problems: string[] = [];
        const comments = Object.keys(p).filter((k) => /comment/i.test(k) && k.endsWith(".xml")).map((k) => strFromU8(p[k])).join("");
        if (!comments.includes("资料来源：单位公开网站。")) problems.push("the note on A1 was lost");
        if (!/初审：得分待核。[\s\S]*———[\s\S]*复核/.test(comments)) problems.push("the finding was not appended to the note on I13");
        if (!p["xl/media/image1.png"]) problems.push("the picture was lost");
        if (!strFromU8(p[SHEET]).includes("<dataValidation")) problems.push("the data validation was lost");
        return problems;
      },
    });
    const byLibreOffice = path.join(writtenBy, "libreoffice.xlsx");
    const byLibreOfficeCopy = out("by-libreoffice.xlsx");
    add({
      id: "copy.written-by-libreoffice",
      family: "copy",
      title: "LibreOffice 写的工作簿：读取，副本保留其各部件",
      args: [byLibreOffice, "--out", byLibreOfficeCopy, "--insert-columns", "--export"],
      code: 1,
      keep: [byLibreOffice],
      copies: [{ file: byLibreOfficeCopy, fromInput: byLibreOffice }],
    });
    const stored = file(dir, "copy/stored.xlsx", zip(baseParts(), 0));
    const storedCopy = out("stored.xlsx");
    add({
      id: "copy.stored-entries",
      family: "copy",
      title: "未压缩（stored）的 zip 条目",
      args: [stored, "--out", storedCopy],
      code: 1,
      keep: [stored],
      copies: [{ file: storedCopy, fromInput: stored }],
    });

    const ws = baseParts();
    edit(ws, "xl/workbook.xml", (x) => x.replace('name="丽江市古城区自然资源局"', 'name="绩效&amp;自评 表\'1"'));
    const wsFile = file(dir, "copy/odd-sheet-name.xlsx", zip(ws));
    const wsCopy = out("odd-sheet-name.xlsx");
    add({
      id: "copy.odd-sheet-name",
      family: "copy",
      title: "工作表名含 &、空格和单引号：底稿链接正确",
      args: [wsFile, "--out", wsCopy, "--export"],
      code: 1,
      keep: [wsFile],
      copies: [{ file: wsCopy, fromInput: wsFile }],
      check: () =>
        strFromU8(unzip(fs.readFileSync(wsCopy))["xl/worksheets/sheet2.xml"] ?? new Uint8Array()).includes(
          "location=\"'绩效&amp;自评 表''1'!",
        )
          ? []
          : ["the working paper's link does not quote the sheet name"],
    });

    const shared = file(dir, "copy/wps-style.xlsx", real());
    const sharedCopy = out("wps-style.xlsx");
    add({
      id: "copy.second-copy-refused",
      family: "copy",
      title: "第二次生成同名副本：未加 --force 拒绝",
      args: [shared, "--out", out("outputs-copy.xlsx")],
      code: 2,
      err: [/已存在，未覆盖/],
      keep: [shared, out("outputs-copy.xlsx")],
    });
    add({
      id: "copy.plain",
      family: "copy",
      title: "批注副本：原数据一字不改",
      args: [shared, "--out", sharedCopy],
      code: 1,
      keep: [shared],
      copies: [{ file: sharedCopy, fromInput: shared }],
    });
  }
  return cases;
}

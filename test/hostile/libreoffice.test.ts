/**
 * The annotated copy in another spreadsheet program: LibreOffice (Debian's libreoffice-calc-nogui,
 * installed by .ci/run) opens the copy of a workbook with a chart, an image, a protected sheet, a
 * protected workbook structure and a data validation, and finds all of them, as in the input; and
 * formulas that refer across where recomputed columns would go still calculate the same after the
 * copy is recalculated.
 *
 * Without LibreOffice these tests are skipped with a message, except where DC_REQUIRE_LIBREOFFICE=1
 * (.ci/run sets it), where its absence fails them.
 */
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { main } from "../../src/cli/main";
import { buildCorpus } from "./corpus";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dc-lo-"));
const profile = path.join(dir, "profile");
const cases = buildCorpus(path.join(dir, "corpus"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const SOFFICE = spawnSync("sh", ["-c", "command -v soffice || command -v libreoffice"], { encoding: "utf8" }).stdout.trim();
const REQUIRED = process.env.DC_REQUIRE_LIBREOFFICE === "1";
if (!SOFFICE && !REQUIRED)
  console.warn("LibreOffice tests skipped: apt-get install libreoffice-calc-nogui to run them (.ci/run does).");
const maybe = SOFFICE || REQUIRED ? test : test.skip;

function soffice(): string {
  if (!SOFFICE) throw new Error("LibreOffice is not installed: apt-get install libreoffice-calc-nogui (.ci/run does)");
  return SOFFICE;
}

/** Converts with LibreOffice headless; returns the converted file. Throws when LibreOffice fails or writes nothing. */
function convert(file: string, to: string, ext: string): string {
  const outdir = fs.mkdtempSync(path.join(dir, "conv-"));
  execFileSync(soffice(), [`-env:UserInstallation=file://${profile}`, "--headless", "--convert-to", to, "--outdir", outdir, file], {
    stdio: "pipe",
    timeout: 120_000,
  });
  const out = path.join(outdir, path.basename(file).replace(/\.[^.]+$/, `.${ext}`));
  if (!fs.existsSync(out)) throw new Error(`LibreOffice did not convert ${file}`);
  return out;
}

async function run(args: string[]) {
  const err: string[] = [];
  const code = await main(args, { out: () => undefined, err: (s) => err.push(s) });
  return { code, err: err.join("\n") };
}

/** What LibreOffice found in a workbook: counts of each feature in the OpenDocument it saves. */
function features(xlsx: string) {
  const ods = unzipSync(fs.readFileSync(convert(xlsx, "ods", "ods")));
  const content = strFromU8(ods["content.xml"]);
  const count = (re: RegExp) => (content.match(re) ?? []).length;
  return {
    sheets: [...content.matchAll(/<table:table table:name="([^"]*)"/g)].map((m) => m[1]),
    chart: Object.keys(ods).filter((k) => /^Object \d+\/content\.xml$/.test(k) && strFromU8(ods[k]).includes("<chart:chart")).length,
    image: Object.keys(ods).filter((k) => k.startsWith("Pictures/")).length,
    protectedSheet: count(/<table:table [^>]*table:protected="true"/g),
    protectedStructure: count(/table:structure-protected="true"/g),
    validation: count(/<table:content-validation /g),
    conditional: count(/<calcext:conditional-format /g),
    notes: count(/<office:annotation[ >]/g),
  };
}

/** The workbook with the saved results of its formulas removed, so that LibreOffice must calculate them. */
function withoutCachedResults(xlsx: string): string {
  const parts = unzipSync(fs.readFileSync(xlsx));
  for (const k of Object.keys(parts))
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(k)) parts[k] = strToU8(strFromU8(parts[k]).replace(/(<f>[^<]*<\/f>)<v>[^<]*<\/v>/g, "$1"));
  const out = path.join(fs.mkdtempSync(path.join(dir, "uncached-")), path.basename(xlsx));
  fs.writeFileSync(out, zipSync(parts));
  return out;
}

maybe("a copy of a workbook with a chart, an image, protection and a data validation keeps all of them in LibreOffice", async () => {
  const c = cases.find((x) => x.id === "copy.keeps-everything")!;
  const r = await run(c.args);
  expect(r.code).toBe(1);
  const input = features(c.args[0]);
  const copy = features(c.copies![0].file);
  // The input itself has every feature, so that the comparison means something. (LibreOffice does not
  // carry Excel's workbook structure protection into its own format; the hostile suite checks that the
  // copy's workbook part keeps it.)
  expect(input).toMatchObject({ chart: 1, image: 1, protectedSheet: 1, validation: 1, conditional: 1 });
  expect(copy).toMatchObject({
    chart: input.chart,
    image: input.image,
    protectedSheet: input.protectedSheet,
    protectedStructure: input.protectedStructure,
    validation: input.validation,
    conditional: input.conditional,
  });
  expect(copy.sheets).toEqual([...input.sheets, "复核结果"]);
  // The findings' notes are there too, beside the note the input had.
  expect(input.notes).toBe(1);
  expect(copy.notes).toBeGreaterThan(input.notes);
}, 300_000);

maybe("formulas that refer across where recomputed columns would go calculate the same in the copy", async () => {
  const c = cases.find((x) => x.id === "columns.formulas-across")!;
  const r = await run(c.args);
  expect(r.code).toBe(1);
  const csv = (xlsx: string) => fs.readFileSync(convert(withoutCachedResults(xlsx), "csv:Text - txt - csv (StarCalc):44,34,76", "csv"), "utf8");
  const before = csv(c.args[0]);
  const after = csv(c.copies![0].file);
  expect(after).toBe(before);
  // Row 13 ends with =SUM(I13:M13) over the stated score 9 and the figures 7 and 8, recalculated by LibreOffice.
  expect(before.split("\n")[12].split(",").slice(-6)).toEqual(["9.00", "", "", "7", "8", "24"]);
}, 300_000);

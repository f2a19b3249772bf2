/**
 * The hostile-input suite (issue 16): every case of test/hostile/corpus.ts run through the CLI in this
 * process. Each asserts the exit code and what the CLI says, that no stack trace is printed, that every
 * input keeps its bytes, that every copy reopens (with this tool's reader and with SheetJS) with every
 * XML part well-formed, that every part of the input the copy does not need to change is byte for byte
 * the same, and that no stated figure changed.
 */
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as XLSX from "@e965/xlsx";
import { XMLValidator } from "fast-xml-parser";
import { strFromU8 } from "fflate";
import { main } from "../../src/cli/main";
import { readWorkbookBytes } from "../../src/cli/read/workbook";
import { buildCorpus, unzip, type HostileCase } from "./corpus";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dc-hostile-"));
const cases = buildCorpus(dir);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const sha = (f: string) => crypto.createHash("sha256").update(fs.readFileSync(f)).digest("hex");

/** Parts a copy may change: the package's lists, the styles, the worksheets (cells and their note links), notes and their drawings. */
const MAY_CHANGE =
  /^(\[Content_Types\]\.xml|xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|xl\/styles\.xml|xl\/worksheets\/[^/]+\.xml|xl\/worksheets\/_rels\/[^/]+\.rels|xl\/comments[^/]*\.xml|xl\/comments\/[^/]+\.xml|xl\/drawings\/[^/]+\.vml)$/;

function copyProblems(copy: string, fromInput?: string): string[] {
  const problems: string[] = [];
  const bytes = fs.readFileSync(copy);
  const parts = unzip(bytes);
  for (const [name, data] of Object.entries(parts)) {
    if (!/\.(xml|rels|vml)$/.test(name)) continue;
    const ok = XMLValidator.validate(strFromU8(data));
    if (ok !== true) problems.push(`${name} is not well-formed XML: ${ok.err.msg} (line ${ok.err.line})`);
  }
  try {
    readWorkbookBytes(bytes);
  } catch (e) {
    problems.push(`the copy does not reopen: ${(e as Error).message}`);
  }
  try {
    XLSX.read(bytes, { type: "buffer" });
  } catch (e) {
    problems.push(`SheetJS cannot open the copy: ${(e as Error).message}`);
  }
  if (fromInput) {
    const input = fs.readFileSync(fromInput);
    const original = unzip(input);
    for (const [name, data] of Object.entries(original)) {
      if (!parts[name]) problems.push(`${name} lost`);
      else if (!MAY_CHANGE.test(name) && Buffer.compare(Buffer.from(data), Buffer.from(parts[name])) !== 0)
        problems.push(`${name} changed`);
    }
    // No stated figure changed: every cell read from the input reads the same from the copy.
    const before = readWorkbookBytes(input).sheets;
    const after = new Map(readWorkbookBytes(bytes).sheets.map((s) => [s.name, s.grid]));
    for (const s of before) {
      const grid = after.get(s.name);
      if (!grid) {
        problems.push(`sheet ${s.name} lost`);
        continue;
      }
      s.grid.cells.forEach((row, r) =>
        row.forEach((cell, c) => {
          const now = grid.cells[r]?.[c];
          if (cell && JSON.stringify(cell.value) !== JSON.stringify(now?.value))
            problems.push(
              `${s.name} R${r + 1}C${c + 1}: ${JSON.stringify(cell.value)} → ${JSON.stringify(now?.value)}`,
            );
        }),
      );
    }
  }
  return problems.slice(0, 10);
}

async function run(c: HostileCase) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(c.args, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

test("the corpus has at least 60 cases over all six families, with unique ids", () => {
  expect(cases.length).toBeGreaterThanOrEqual(60);
  expect(new Set(cases.map((c) => c.family))).toEqual(
    new Set(["outputs", "columns", "bounds", "failures", "kinds", "copy"]),
  );
  expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
});

describe.each(cases.map((c) => [c.id, c] as const))("%s", (_id, c) => {
  test(
    c.title,
    async () => {
      c.before?.();
      const hashes = new Map(c.keep.filter((f) => fs.existsSync(f)).map((f) => [f, sha(f)]));
      expect(hashes.size).toBe(c.keep.length);
      const r = await run(c);
      const said = `exit ${r.code}\nstdout: ${r.out.slice(0, 1500)}\nstderr: ${r.err.slice(0, 1500)}`;
      expect({ code: r.code, said }).toEqual({ code: c.code, said });
      for (const p of c.err ?? []) expect(r.err).toMatch(p);
      for (const p of c.out ?? []) expect(r.out).toMatch(p);
      // One clear message per problem: no stack trace, no English-only library text.
      expect(r.err).not.toMatch(/\n\s+at .+:\d+:\d+/);
      expect(r.err).not.toMatch(/unexpected failure|TypeError|RangeError|Cannot read properties/);
      for (const [f, h] of hashes) expect(`${f} ${sha(f)}`).toBe(`${f} ${h}`);
      for (const f of c.outputs ?? []) expect(fs.existsSync(f)).toBe(true);
      for (const f of c.absent ?? []) expect(fs.existsSync(f)).toBe(false);
      for (const copy of c.copies ?? []) {
        expect(fs.existsSync(copy.file)).toBe(true);
        expect(copyProblems(copy.file, copy.fromInput)).toEqual([]);
      }
      expect(c.check?.() ?? []).toEqual([]);
    },
    60_000,
  );
});

/**
 * The reader's bounds, counted exactly: cells per worksheet part are counted while the part inflates,
 * across the inflater's chunk boundaries, before any parsing.
 */
import { zipSync } from "fflate";
import { FileError, READ_LIMITS, readWorkbookBytes } from "../../src/cli/read/workbook";
import { minimalWorkbook } from "../hostile/corpus";

/** N cells in one column, padded with long strings so that the part spans many inflate chunks; some prefixed, some without r. */
function workbookWith(n: number): Uint8Array {
  const rows: string[] = [];
  for (let i = 1; i <= n; i++) {
    const cell =
      i % 3 === 0
        ? `<c r="A${i}" t="inlineStr"><is><t>${"项".repeat(997 + (i % 7))}</t></is></c>`
        : i % 3 === 1
          ? `<c><v>${i}</v></c>`
          : `<c\tr="A${i}"/>`;
    rows.push(`<row r="${i}">${cell}</row>`);
  }
  const xml = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cols><col min="1" max="1" width="9"/></cols><sheetData>${rows.join("")}</sheetData><conditionalFormatting sqref="A1"><cfRule type="expression" priority="1"><formula>1</formula></cfRule></conditionalFormatting></worksheet>`;
  return zipSync(minimalWorkbook([{ name: "表1", xml }]));
}

test("a sheet part with more cells than the bound is refused before parsing; exactly the bound is read", () => {
  const n = 3000; // about 3 MB of XML: dozens of inflate chunks
  const bytes = workbookWith(n);
  expect(() => readWorkbookBytes(bytes, { ...READ_LIMITS, cells: n })).not.toThrow();
  let error: unknown;
  try {
    readWorkbookBytes(bytes, { ...READ_LIMITS, cells: n - 1 });
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(FileError);
  expect((error as FileError).problem.zh).toMatch(/工作表部件 xl\/worksheets\/sheet1\.xml 有超过 2999 个单元格（读到第 3,000 个时停止）/);
  expect((error as FileError).problem.en).toMatch(/more than 2,999 cells \(stopped at 3,000\)/);
});

test("prefixed cells (x:c) are counted; <col> and <cfRule> are not", () => {
  const xml = `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:cols><x:col min="1" max="2"/></x:cols><x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c><x:c r="B1"><x:v>2</x:v></x:c></x:row></x:sheetData></x:worksheet>`;
  const bytes = zipSync(minimalWorkbook([{ name: "表1", xml }]));
  expect(() => readWorkbookBytes(bytes, { ...READ_LIMITS, cells: 2 })).not.toThrow();
  expect(() => readWorkbookBytes(bytes, { ...READ_LIMITS, cells: 1 })).toThrow(FileError);
});

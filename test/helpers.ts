/** Test helpers: load a committed fixture workbook into grids, with the CLI's reader. */
import * as fs from "fs";
import * as path from "path";
import { readWorkbookBytes } from "../src/cli/read/workbook";
import type { Grid } from "../src/tables/grid";

export const FIXTURES = path.join(__dirname, "fixtures");

const read = (file: string) => readWorkbookBytes(fs.readFileSync(path.isAbsolute(file) ? file : path.join(FIXTURES, file)));

export async function loadGrid(file: string, sheet?: string): Promise<Grid> {
  const sheets = read(file).sheets;
  const ws = sheet ? sheets.find((s) => s.name === sheet) : sheets[0];
  if (!ws) throw new Error(`no sheet ${sheet} in ${file}`);
  return ws.grid;
}

/** Every sheet of a fixture workbook as {name, grid}, in workbook order. */
export async function loadSheets(file: string): Promise<Array<{ name: string; grid: Grid }>> {
  return read(file).sheets.map((s) => ({ name: s.name, grid: s.grid }));
}

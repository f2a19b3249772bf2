/** Test helpers: load a committed fixture workbook into grids. */
import * as path from "path";
import ExcelJS from "exceljs";
import { worksheetToGrid } from "../src/cli/xlsx";
import type { Grid } from "../src/tables/grid";

export const FIXTURES = path.join(__dirname, "fixtures");

export async function loadGrid(file: string, sheet?: string): Promise<Grid> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.isAbsolute(file) ? file : path.join(FIXTURES, file));
  const ws = sheet ? wb.getWorksheet(sheet) : wb.worksheets[0];
  if (!ws) throw new Error(`no sheet ${sheet} in ${file}`);
  return worksheetToGrid(ws);
}

/** Every sheet of a fixture workbook as {name, grid}, in workbook order. */
export async function loadSheets(file: string): Promise<Array<{ name: string; grid: Grid }>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.isAbsolute(file) ? file : path.join(FIXTURES, file));
  return wb.worksheets.map((ws) => ({ name: ws.name, grid: worksheetToGrid(ws) }));
}

import ExcelJS from "exceljs";
import { worksheetToGrid } from "../src/cli/xlsx";
(async () => {
  const wb = new ExcelJS.Workbook(); await wb.xlsx.readFile(process.argv[2]);
  const g = worksheetToGrid(wb.worksheets[0]);
  for (const r of process.argv.slice(3).map(Number)) console.log(r, g.cells[r-1].map(c => c.text).join(" | ").slice(0, 250));
})();

/**
 * The recomputed columns on the real tables of other provinces: a 分值 stated only in a label goes into
 * the formula as its figure, and a split target (指标性质 | 指标值 | 度量单位) as the text the three cells make.
 */
import { provinceWorkbook } from "../../scripts/build-provinces";
import { NATIONAL } from "../../src/rules/profiles";
import { planRecomputedColumns } from "../../src/tables/columns";
import { validateGrid } from "../../src/tables/validate";
import { loadGrid } from "../helpers";

async function plan(id: string) {
  const grid = await loadGrid(provinceWorkbook(id));
  return planRecomputedColumns(grid, validateGrid(grid, NATIONAL)).blocks.flatMap((b) => b.cells);
}

test("湖北 黄冈: the budget block's 20 points, stated only in 得分(20分*执行率), enter DC.BUDGETSCORE as 20", async () => {
  const cells = await plan("hb-huanggang-stbc-2020-jiance");
  const budget = cells.find((c) => c.formula?.startsWith("=DC.BUDGETSCORE("))!;
  expect(budget.formula).toMatch(/^=DC\.BUDGETSCORE\(20,IF\(ISBLANK\(\$C9\),"",\$C9\),IF\(ISBLANK\(\$D9\),"",\$D9\),"national"\)$/);
  expect(budget.value).toBe(20);
});

test("云南 丽江: a split target enters DC.SCORE as 指标性质 & 指标值 & 度量单位, and a met target scores its weight", async () => {
  const cells = await plan("yn-lijiang-gucheng-zrzy-2020-weipian");
  const row14 = cells.filter((c) => c.row === 13 && c.formula?.startsWith("=DC.SCORE("));
  expect(row14).toHaveLength(1);
  expect(row14[0].formula).toContain('$D14&IF(ISBLANK($E14),"",$E14)&IF(ISNUMBER($E14),$F14,"")');
  expect(row14[0].formula).toContain('IF(ISNUMBER($G14),$G14&$F14,IF(ISBLANK($G14),"",$G14))');
  expect(row14[0].value).toBe(20);
  // 违法行为责停率 ≥ 95 % against 95: met, 30 (the table states 27).
  expect(cells.find((c) => c.row === 15 && c.formula?.startsWith("=DC.SCORE("))?.value).toBe(30);
});

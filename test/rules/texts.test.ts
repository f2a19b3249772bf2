/**
 * table.text-tie's matching of a clause to an indicator's name: the longest run of characters the two
 * share (commonRun), now by dynamic programming. It must give exactly what the plain search gave (the
 * earliest of the longest runs in the clause), since findings name the run's indicator.
 */
import fc from "fast-check";
import { commonRun } from "../../src/rules/checks/texts";

/** The plain search (the previous implementation): from each start, extend while the run is in `b`. */
function reference(a: string, b: string): string {
  let best = "";
  for (let i = 0; i < a.length; i++) {
    for (let j = i + best.length + 1; j <= a.length; j++) {
      const s = a.slice(i, j);
      if (b.includes(s)) best = s;
      else break;
    }
  }
  return best;
}

test("examples from the seed texts: the clause's words shared with the indicator's name", () => {
  expect(commonRun("组织申报31个“1+X”证书制度试点", "开设“1+x”证书制度试点")).toBe("”证书制度试点");
  expect(commonRun("2024年毕业生5235人，就业率", "学生就业率")).toBe("就业率");
  expect(commonRun("学生证书获取率", "师资培训证书获取率")).toBe("证书获取率");
  expect(commonRun("", "学生")).toBe("");
  expect(commonRun("学生", "")).toBe("");
  // Two runs as long: the first in the clause.
  expect(commonRun("甲乙丙丁", "丙丁甲乙")).toBe("甲乙");
});

test("the same run as the plain search, on random clauses and names over a small alphabet", () => {
  const text = (max: number) =>
    fc.array(fc.constantFrom(..."学生证书获取率培训甲乙1x+"), { maxLength: max }).map((cs) => cs.join(""));
  fc.assert(fc.property(text(40), text(25), (a, b) => commonRun(a, b) === reference(a, b)), { numRuns: 5000 });
  // Longer names after shorter ones: the reused rows grow and must start clean.
  fc.assert(
    fc.property(fc.array(fc.tuple(text(30), text(120)), { maxLength: 6 }), (pairs) =>
      pairs.every(([a, b]) => commonRun(a, b) === reference(a, b)),
    ),
    { numRuns: 500 },
  );
});

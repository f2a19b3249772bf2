/**
 * Issue 18: the manifest under a shared runtime (no <TaskpaneId>, no empty <AppDomains>) and the
 * production host set at build time (scripts/manifest-host.js). The URL and file checks against dist/ run
 * in the browser suite (scripts/run-e2e.js), after the build.
 */
import * as fs from "fs";
import * as path from "path";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { check, baseOf } = require("../scripts/check-manifest.js");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { normaliseBase, productionBase, withBase, DEV_BASE } = require("../scripts/manifest-host.js");

const SOURCE = fs.readFileSync(path.join(__dirname, "..", "manifest.xml"), "utf8");
const structural = (problems: string[]) => problems.filter((p) => /TaskpaneId|AppDomains|is not https/.test(p));

test("manifest.xml has no <TaskpaneId> under its long-lived runtime and no empty <AppDomains>", () => {
  expect(SOURCE).toContain('lifetime="long"');
  expect(structural(check("manifest.xml", "/nonexistent", SOURCE))).toEqual([]);
  const withId = SOURCE.replace(
    '<Action xsi:type="ShowTaskpane">',
    '<Action xsi:type="ShowTaskpane">\n<TaskpaneId>X</TaskpaneId>',
  );
  expect(structural(check("x", "/nonexistent", withId))).toEqual([expect.stringContaining("TaskpaneId")]);
  const emptyDomains = SOURCE.replace("<Hosts>", "<AppDomains />\n  <Hosts>");
  expect(structural(check("x", "/nonexistent", emptyDomains))).toEqual([expect.stringContaining("AppDomains")]);
});

test("the production host: DC_HOST or deploy.config.json, https only, every URL moved, localhost kept without one", () => {
  expect(normaliseBase("https://oa.example.gov.cn/dc")).toBe("https://oa.example.gov.cn/dc/");
  expect(normaliseBase(" https://oa.example.gov.cn/ ")).toBe("https://oa.example.gov.cn/");
  expect(() => normaliseBase("http://oa.example.gov.cn/")).toThrow(/必须是 https/);
  expect(() => normaliseBase("oa.example.gov.cn")).toThrow(/不是有效的网址/);
  expect(productionBase({ DC_HOST: "https://a.example/x" })).toBe("https://a.example/x/");
  const prod = withBase(SOURCE, "https://a.example/x/");
  expect(prod).not.toContain(DEV_BASE);
  expect(baseOf(prod)).toBe("https://a.example/x/");
  expect((prod.match(/https:\/\/a\.example\/x\//g) ?? []).length).toBe(
    (SOURCE.match(/https:\/\/localhost:3000\//g) ?? []).length,
  );
});

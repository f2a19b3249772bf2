/**
 * taskpane.html's check for Internet Explorer 11 (Trident) and Edge Legacy (EdgeHTML), the webviews of
 * Office 2016 and 2019 volume-licensed: it must itself run there, so it must be ES5, and it must tell
 * those webviews from WebView2 (Chromium Edge says "Edg/"), Safari and Chrome by the user agent, as
 * Microsoft's page on these webviews did (office-js-docs-pr, docs/develop/support-ie-11.md, 2024).
 */
import * as fs from "fs";
import * as path from "path";
import * as vm from "vm";
import { parse } from "acorn";

const html = fs.readFileSync(path.join(__dirname, "../src/taskpane/taskpane.html"), "utf8");
const script = /<script type="text\/javascript" id="old-webview-check">([\s\S]*?)<\/script>/.exec(html)![1];
const commands = /<script type="text\/javascript" id="old-webview-commands">([\s\S]*?)<\/script>/.exec(html)![1];

/** Runs the check under a user agent; returns whether it flagged the webview and what it showed after load. */
function runCheck(userAgent: string): { flagged: boolean; message: string; pane: string } {
  const listeners: Array<() => void> = [];
  const box = { style: { display: "none" } };
  const pane = { style: { display: "" } };
  const window: Record<string, unknown> = { navigator: { userAgent } };
  const document = {
    addEventListener: (_e: string, f: () => void) => listeners.push(f),
    getElementById: (id: string) => (id === "old-webview" ? box : id === "container" ? pane : null),
  };
  vm.runInNewContext(script, { window, document });
  listeners.forEach((f) => f());
  return { flagged: window.__DC_OLD_WEBVIEW__ === true, message: box.style.display, pane: pane.style.display };
}

test("the check and the ribbon fallback are ES5 (they have to run in Internet Explorer 11)", () => {
  expect(() => parse(script, { ecmaVersion: 5 })).not.toThrow();
  expect(() => parse(commands, { ecmaVersion: 5 })).not.toThrow();
});

test.each([
  // Office 2016 volume-licensed on Windows 10 (Trident).
  ["Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; .NET4.0E; ms-office; MSOffice 16) like Gecko", true],
  // Edge Legacy (EdgeHTML 18).
  [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19045",
    true,
  ],
  // WebView2 (Chromium Edge): "Edg/", not "Edge/".
  [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
    false,
  ],
  // Excel on the web in Chrome, and Excel for Mac (WKWebView).
  ["Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", false],
  ["Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)", false],
])("%s → old webview: %s", (ua, old) => {
  const r = runCheck(ua);
  expect(r.flagged).toBe(old);
  expect(r.message).toBe(old ? "block" : "none");
  expect(r.pane).toBe(old ? "none" : "");
});

test("the message is Chinese first, with an English paragraph after it, and names a way to go on", () => {
  const box = /<div id="old-webview"[\s\S]*?<\/div>/.exec(html)![0];
  const text = box.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
  expect(text.indexOf("此版本 Office 无法运行本加载项")).toBeLessThan(text.indexOf("This add-in can't run"));
  expect(text).toContain("Office LTSC 2021");
  expect(text).toContain("命令行");
  // No English fragment inside the Chinese paragraphs except product names.
  const zh = text.slice(0, text.indexOf("This add-in"));
  const words = zh.match(/[A-Za-z][A-Za-z.]*/g) ?? [];
  const allowed = new Set(["Office", "Internet", "Explorer", "Edge", "Microsoft", "WebView", "LTSC", "xlsx"]);
  expect(words.filter((w) => !allowed.has(w))).toEqual([]);
});

test("in those webviews the ribbon's buttons open the pane (with the message) and complete their event; elsewhere they are left to the bundle", () => {
  const run = (old: boolean) => {
    const associated: Record<string, (e: { completed(): void }) => void> = {};
    let shown = 0;
    const Office = {
      onReady: (f: () => void) => f(),
      actions: { associate: (id: string, f: (e: { completed(): void }) => void) => (associated[id] = f) },
      addin: { showAsTaskpane: () => ((shown += 1), Promise.resolve()) },
    };
    const window: Record<string, unknown> = { Office, __DC_OLD_WEBVIEW__: old };
    vm.runInNewContext(commands, { window });
    let completed = 0;
    for (const f of Object.values(associated)) f({ completed: () => (completed += 1) });
    return { ids: Object.keys(associated).sort(), shown, completed };
  };
  expect(run(true)).toEqual({ ids: ["validateSheet", "validateWorkbook"], shown: 2, completed: 2 });
  expect(run(false)).toEqual({ ids: [], shown: 0, completed: 0 });
  // The ids are the manifest's ExecuteFunction names.
  const manifest = fs.readFileSync(path.join(__dirname, "../manifest.xml"), "utf8");
  for (const id of ["validateSheet", "validateWorkbook"]) expect(manifest).toContain(`<FunctionName>${id}</FunctionName>`);
});

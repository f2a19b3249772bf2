/**
 * The add-in's start-up in a real browser (Debian's Chromium, the browser tests' simulated Office host in
 * place of office.js): the time from navigation to the custom functions' and ribbon commands' registration
 * (`window.__DC_REGISTERED__`, set right after the `associate` calls), and to the pane's first render.
 * Served from dist/ (run `npm run build` first). Returns null when Chromium is not installed.
 */
import * as fs from "fs";
import * as http from "http";
import * as path from "path";
import type { AddressInfo } from "net";
import { buildSync } from "esbuild";
import { chromium } from "playwright-core";
import { gridFromTexts } from "../src/tables/grid";

const CHROMIUM = "/usr/bin/chromium";
const TYPES: Record<string, string> = {
  ".html": "text/html",
  ".js": "application/javascript",
  ".json": "application/json",
  ".png": "image/png",
};

export interface Startup {
  /** Median ms from navigation to the associate calls. */
  registeredMs: number;
  /** Median ms from navigation to the pane's first render (its Validate button). */
  paneMs: number;
  runs: number;
}

export async function startupTimes(dist: string, runs = 5): Promise<Startup | null> {
  if (!fs.existsSync(CHROMIUM)) return null;
  const sim = buildSync({
    entryPoints: [path.join(__dirname, "..", "test", "e2e", "simulated-office.ts")],
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2019",
    write: false,
  }).outputFiles[0].text;
  const server = http.createServer((req, res) => {
    const file = path.join(dist, decodeURIComponent((req.url ?? "/").split("?")[0]));
    if (!file.startsWith(dist) || !fs.existsSync(file) || fs.statSync(file).isDirectory())
      return res.writeHead(404).end();
    res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu"],
  });
  const registered: number[] = [];
  const pane: number[] = [];
  try {
    const config = { sheetName: "Sheet1", grid: gridFromTexts([["绩效自评表"]]), displayLanguage: "zh-CN" };
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.route("**/*", (route) =>
        route.request().url().startsWith("https://appsforoffice.microsoft.com/")
          ? route.fulfill({ contentType: "application/javascript", body: sim })
          : route.request().url().startsWith(base)
            ? route.continue()
            : route.abort(),
      );
      await page.addInitScript(`window.__SIM__ = ${JSON.stringify(config)};`);
      await page.goto(`${base}/taskpane.html`);
      await page.getByTestId("validate").waitFor();
      const paneAt = await page.evaluate(() => performance.now());
      registered.push(
        await page.evaluate(() => (window as unknown as { __DC_REGISTERED__: number }).__DC_REGISTERED__),
      );
      pane.push(paneAt);
      await context.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { registeredMs: median(registered), paneMs: median(pane), runs };
}

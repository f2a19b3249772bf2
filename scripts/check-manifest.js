#!/usr/bin/env node
/**
 * Offline manifest check (office-addin-manifest validate needs Microsoft's online service).
 * Parses manifest.xml and cross-checks it against the build in dist/:
 *  - every URL points to a file that webpack emits (https://localhost:3000/<path> → dist/<path>);
 *  - every ExecuteFunction FunctionName is associated in code (Office.actions.associate);
 *  - every resid is defined in Resources, and every string has a zh-CN override;
 *  - every icon exists at the size its id names (Icon.NxN → N×N pixels);
 *  - the required elements are there: Hosts Workbook, Requirements, ReadWriteDocument, shared runtime;
 *  - custom functions: namespace DC, functions.json emitted, every function id associated in the bundle
 *    and described in Chinese.
 *  - issue 18: no <TaskpaneId> on a ShowTaskpane action under a long-lived (shared) runtime, and
 *    <AppDomains>, when present, not empty;
 *  - every URL is https and under the manifest's own base.
 * It checks manifest.xml (https://localhost:3000/), dist/manifest.xml (the host `npm run build` wrote,
 * see scripts/manifest-host.js) and the production manifest built for a sample host, each against dist/.
 * Exit code 0 when all hold, 1 otherwise (each problem printed).
 */
"use strict";
const fs = require("fs");
const path = require("path");
const { XMLParser } = require("fast-xml-parser");
const { PNG } = require("pngjs");

const ROOT = path.resolve(__dirname, "..");
const DIST = path.join(ROOT, "dist");
const { DEV_BASE, withBase } = require("./manifest-host");
/** A sample production host: the production manifest must check out under any host. */
const SAMPLE_BASE = "https://audit.example.gov.cn/disclosure-check/";

function walk(node, visit, trail = []) {
  if (Array.isArray(node)) return node.forEach((n) => walk(n, visit, trail));
  if (node && typeof node === "object") {
    for (const [k, v] of Object.entries(node)) {
      visit(k, v, trail);
      walk(v, visit, [...trail, k]);
    }
  }
}

function sourceFiles(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if (/\.(ts|tsx|js)$/.test(e.name)) out.push(p);
  }
  return out;
}

/** The base URL a manifest's files are under: that of its SourceLocation (…/taskpane.html). */
function baseOf(xml) {
  const m = /<SourceLocation DefaultValue="([^"]+)taskpane\.html"/.exec(xml);
  return m ? m[1] : DEV_BASE;
}

function check(manifestPath = path.join(ROOT, "manifest.xml"), dist = DIST, text) {
  const problems = [];
  const xml = text ?? fs.readFileSync(manifestPath, "utf8");
  const BASE = baseOf(xml);
  if (!/^https:\/\//.test(BASE)) problems.push(`the add-in's base ${BASE} is not https`);
  if (/<TaskpaneId>/.test(xml) && /lifetime="long"/.test(xml))
    problems.push("<TaskpaneId> under a long-lived (shared) runtime: the shared-runtime guidance says to leave it out");
  if (/<AppDomains\s*\/>|<AppDomains>\s*<\/AppDomains>/.test(xml)) problems.push("<AppDomains> is empty: list a domain or leave the element out");
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", removeNSPrefix: true, isArray: () => false });
  let doc;
  try {
    doc = parser.parse(xml, true);
  } catch (e) {
    return [`manifest.xml is not well-formed XML: ${e.message}`];
  }
  const app = doc.OfficeApp;
  if (!app) return ["no <OfficeApp> root"];

  // Order and required elements of the conventions.
  const order = ["Id", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description", "IconUrl", "HighResolutionIconUrl"];
  const keys = Object.keys(app).filter((k) => !k.startsWith("@"));
  let last = -1;
  for (const k of order) {
    const i = keys.indexOf(k);
    if (i < 0) problems.push(`missing <${k}>`);
    else if (i < last) problems.push(`<${k}> is out of order`);
    else last = i;
  }
  if (JSON.stringify(app.Hosts).indexOf("Workbook") < 0) problems.push("Hosts must name Workbook");
  if (!app.Requirements) problems.push("missing <Requirements>");
  if (app.Permissions !== "ReadWriteDocument") problems.push(`Permissions should be ReadWriteDocument, is ${app.Permissions}`);
  if (!/SharedRuntime/.test(xml)) problems.push("no SharedRuntime requirement");

  // Resources.
  const defined = new Map();
  walk(app.VersionOverrides?.Resources ?? {}, (k, v) => {
    const items = Array.isArray(v) ? v : [v];
    if (["Image", "Url", "String"].includes(k)) for (const it of items) if (it && it["@id"]) defined.set(it["@id"], { kind: k, node: it });
  });
  const used = new Set();
  walk(app, (k, v) => {
    const items = Array.isArray(v) ? v : [v];
    for (const it of items) if (it && typeof it === "object" && it["@resid"]) used.add(it["@resid"]);
  });
  for (const r of used) if (!defined.has(r)) problems.push(`resid "${r}" is used but not defined in Resources`);
  for (const [id, { kind, node }] of defined) {
    if (kind === "String") {
      const overrides = Array.isArray(node.Override) ? node.Override : node.Override ? [node.Override] : [];
      if (!overrides.some((o) => o["@Locale"] === "zh-CN")) problems.push(`string "${id}" has no zh-CN override`);
    }
  }

  // URLs → files in dist.
  const urls = new Set();
  walk(app, (k, v) => {
    const items = Array.isArray(v) ? v : [v];
    for (const it of items) if (it && typeof it === "object" && typeof it["@DefaultValue"] === "string" && /^https?:/.test(it["@DefaultValue"])) urls.add(it["@DefaultValue"]);
  });
  for (const u of urls) {
    if (!u.startsWith(BASE)) {
      problems.push(`URL ${u} is not served by the add-in (${BASE})`);
      continue;
    }
    const file = path.join(dist, u.slice(BASE.length).split("?")[0]);
    if (!fs.existsSync(file)) problems.push(`URL ${u} → ${path.relative(ROOT, file)} is not emitted by the build`);
  }

  // Icons at their sizes.
  for (const [id, { kind, node }] of defined) {
    if (kind !== "Image") continue;
    const m = /(\d+)x(\d+)$/.exec(id);
    const file = path.join(dist, String(node["@DefaultValue"]).slice(BASE.length));
    if (!m || !fs.existsSync(file)) continue;
    const png = PNG.sync.read(fs.readFileSync(file));
    if (png.width !== +m[1] || png.height !== +m[2]) problems.push(`${id} is ${png.width}×${png.height}, expected ${m[1]}×${m[2]}`);
  }

  // FunctionName ↔ Office.actions.associate.
  const code = sourceFiles(path.join(ROOT, "src")).map((f) => fs.readFileSync(f, "utf8")).join("\n");
  const names = new Set();
  walk(app, (k, v) => {
    if (k === "FunctionName") (Array.isArray(v) ? v : [v]).forEach((n) => names.add(String(n)));
  });
  if (names.size === 0) problems.push("no ExecuteFunction FunctionName (the one-click Validate sheet button)");
  for (const n of names) {
    if (!new RegExp(`Office\\.actions\\.associate\\(\\s*["']${n}["']`).test(code)) problems.push(`FunctionName "${n}" is not associated in code (Office.actions.associate)`);
  }

  // Custom functions: the metadata webpack generated, its namespace, and every id associated in the bundle.
  const ns = defined.get("Functions.Namespace")?.node?.["@DefaultValue"];
  if (!/CustomFunctions/.test(JSON.stringify(app.VersionOverrides ?? {}))) problems.push("no CustomFunctions extension point");
  if (ns !== "DC") problems.push(`custom functions namespace should be DC, is ${ns}`);
  const metaFile = path.join(dist, "functions.json");
  if (fs.existsSync(metaFile)) {
    const meta = JSON.parse(fs.readFileSync(metaFile, "utf8"));
    const bundle = fs.existsSync(path.join(dist, "taskpane.js")) ? fs.readFileSync(path.join(dist, "taskpane.js"), "utf8") : "";
    if (!Array.isArray(meta.functions) || meta.functions.length === 0) problems.push("functions.json lists no functions");
    for (const f of meta.functions ?? []) {
      if (!bundle.includes(`.associate("${f.id}"`)) problems.push(`custom function ${f.id} is not associated in dist/taskpane.js`);
      if (!/[\u4e00-\u9fff]/.test(f.description ?? "")) problems.push(`custom function ${f.id} has no Chinese description`);
    }
  }
  return problems;
}

if (require.main === module) {
  if (!fs.existsSync(path.join(DIST, "taskpane.html"))) {
    console.error("dist/ is missing: run `npm run build` first (npm run validate does both).");
    process.exit(1);
  }
  const source = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
  const manifests = [
    ["manifest.xml", check(path.join(ROOT, "manifest.xml"))],
    [`dist/manifest.xml (${baseOf(fs.readFileSync(path.join(DIST, "manifest.xml"), "utf8"))})`, check(path.join(DIST, "manifest.xml"))],
    [`the production manifest for ${SAMPLE_BASE}`, check("production", DIST, withBase(source, SAMPLE_BASE))],
  ];
  let failed = false;
  for (const [name, problems] of manifests) {
    for (const p of problems) console.error(`${name}: ${p}`);
    failed ||= problems.length > 0;
  }
  if (failed) process.exit(1);
  console.log(
    `${manifests.map(([n]) => n).join("; ")}: well-formed; URLs, resids, zh-CN overrides, icon sizes and FunctionNames all check out against dist/ and src/.`,
  );
}

module.exports = { check, baseOf };

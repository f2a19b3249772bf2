/**
 * The address the add-in is served from, for the production manifest (dist/manifest.xml).
 * The source manifest.xml and the dev server use https://localhost:3000/. `npm run build` writes every
 * URL of dist/manifest.xml under the host given by, in order:
 *  - the environment variable DC_HOST, e.g. DC_HOST=https://audit.example.gov.cn/disclosure-check/
 *  - the file deploy.config.json at the repository root: { "host": "https://…/" }
 * and keeps localhost when neither is set (a development build). See docs/deploy.md.
 */
"use strict";
const fs = require("fs");
const path = require("path");

const DEV_BASE = "https://localhost:3000/";
const CONFIG = path.resolve(__dirname, "..", "deploy.config.json");

/**
 * The base URL (ending in "/") from a host as written. Throws an Error, in Chinese and English, for an
 * address that is not https (Office loads add-ins only over HTTPS) or not a URL.
 */
function normaliseBase(host) {
  let u;
  try {
    u = new URL(String(host).trim());
  } catch {
    throw new Error(`部署地址不是有效的网址：${host} / The deployment host is not a URL: ${host}`);
  }
  if (u.protocol !== "https:")
    throw new Error(`部署地址必须是 https:// 地址（Office 只从 HTTPS 加载加载项）：${host} / The host must be https://: ${host}`);
  if (u.search || u.hash) throw new Error(`部署地址不能带查询或锚点：${host} / The host must not have a query or fragment: ${host}`);
  return u.origin + (u.pathname.endsWith("/") ? u.pathname : `${u.pathname}/`);
}

/** The production base URL: DC_HOST, else deploy.config.json's host, else the dev base. */
function productionBase(env = process.env) {
  if (env.DC_HOST) return normaliseBase(env.DC_HOST);
  if (fs.existsSync(CONFIG)) {
    const host = JSON.parse(fs.readFileSync(CONFIG, "utf8")).host;
    if (host) return normaliseBase(host);
  }
  return DEV_BASE;
}

/** The manifest with every URL moved from the dev base to `base`. */
function withBase(xml, base) {
  return String(xml).split(DEV_BASE).join(base);
}

module.exports = { DEV_BASE, normaliseBase, productionBase, withBase };

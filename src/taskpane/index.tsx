/**
 * The one entry point of the shared runtime. Its first load holds only what must run at once: the DC.*
 * custom functions (associated when their module loads, ids generated from their JSDoc as functions.json
 * is) and the ribbon command handlers, registered in Office.onReady. The pane's user interface (React,
 * Fluent UI) is a separate chunk, loaded afterwards (mount.tsx).
 */
import { validateFromRibbon } from "../commands/commands";
import { officeLayoutStore } from "../excel/layoutStore";
import { officeChoiceStore } from "../excel/profileChoice";
import { officeHost } from "../excel/run";
import { stringsFor } from "./i18n/strings";
import { session } from "./session";
// The DC.* custom functions: the metadata plugin's loader associates them when this module loads.
import { setFunctionsLanguage } from "../functions/functions";

Office.onReady(() => {
  // Internet Explorer 11 or Edge Legacy (taskpane.html's inline check shows the message instead): these
  // webviews cannot parse this bundle; should one ever run part of it, nothing is registered or mounted.
  if ((window as unknown as { __DC_OLD_WEBVIEW__?: boolean }).__DC_OLD_WEBVIEW__) return;
  const { lang, t } = stringsFor(Office.context.displayLanguage);
  document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  setFunctionsLanguage(lang);
  document.title = t.appTitle;
  const choices = officeChoiceStore(Office.context.document.settings);
  const layouts = officeLayoutStore(Office.context.document.settings);

  const showPane = async () => {
    if (Office.addin?.showAsTaskpane) await Office.addin.showAsTaskpane();
  };
  Office.actions.associate("validateSheet", (event: Office.AddinCommands.Event) =>
    validateFromRibbon(event, { host: officeHost, session, choices, layouts, showPane }),
  );
  Office.actions.associate("validateWorkbook", (event: Office.AddinCommands.Event) =>
    validateFromRibbon(event, { host: officeHost, session, choices, layouts, showPane }, "workbook"),
  );
  (window as unknown as { __DC_REGISTERED__?: number }).__DC_REGISTERED__ = performance.now();

  const container = document.getElementById("container");
  if (container) {
    void import(/* webpackChunkName: "pane" */ "./mount").then(({ mountPane }) =>
      mountPane(container, { host: officeHost, session, choices, layouts, lang, t }),
    );
  }
});

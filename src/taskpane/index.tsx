/**
 * The one entry point of the shared runtime: Office.onReady renders the task pane and registers the
 * ribbon command handlers, all in this one place; the custom functions are associated with the same
 * runtime when their module loads (ids generated from their JSDoc, as functions.json is).
 */
import * as React from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { validateFromRibbon } from "../commands/commands";
import { officeLayoutStore } from "../excel/layoutStore";
import { officeChoiceStore } from "../excel/profileChoice";
import { officeHost } from "../excel/run";
import { App } from "./components/App";
import { stringsFor } from "./i18n/strings";
import { session } from "./session";
// The DC.* custom functions: the metadata plugin's loader associates them when this module loads.
import { setFunctionsLanguage } from "../functions/functions";

Office.onReady(() => {
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

  const container = document.getElementById("container");
  if (container) {
    createRoot(container).render(
      <FluentProvider theme={webLightTheme}>
        <App host={officeHost} session={session} choices={choices} layouts={layouts} lang={lang} t={t} />
      </FluentProvider>,
    );
  }
});

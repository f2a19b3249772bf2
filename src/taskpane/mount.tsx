/**
 * The task pane's user interface (React and Fluent UI), loaded after the shared runtime has registered the
 * custom functions and the ribbon commands (index.tsx), so that a calculation or a ribbon click never
 * waits for the pane's code. Renders the pane into the page's container.
 */
import * as React from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App, type AppProps } from "./components/App";

/** Renders the pane. Input: the page's container element and the App's props. Never throws on its own. */
export function mountPane(container: HTMLElement, props: AppProps): void {
  createRoot(container).render(
    <FluentProvider theme={webLightTheme}>
      <App {...props} />
    </FluentProvider>,
  );
}

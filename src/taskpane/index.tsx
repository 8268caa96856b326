import * as React from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "./App";
import { officeLang } from "./i18n";

/** Render the pane once Office is ready (Excel only). */
Office.onReady((info) => {
  const el = document.getElementById("container");
  if (!el) return;
  const lang = officeLang();
  document.documentElement.lang = lang;
  if (info.host !== Office.HostType.Excel) {
    el.textContent = lang === "en" ? "Monev runs in Excel only." : "Monev hanya berjalan di Excel.";
    return;
  }
  createRoot(el).render(
    <FluentProvider theme={webLightTheme}>
      <App lang={lang} />
    </FluentProvider>,
  );
});

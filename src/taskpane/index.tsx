import * as React from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "./App";
import { officeLang } from "./i18n";

/** taskpane.html opened in a plain browser (or office.js blocked): say to open it in Excel. */
function showOutsideOffice(): void {
  const notice = document.getElementById("outside-office");
  if (notice) notice.hidden = false;
}

/** Render the pane once Office is ready (Excel only). */
if (typeof Office === "undefined") {
  showOutsideOffice();
} else {
  void Office.onReady((info) => {
    const el = document.getElementById("container");
    if (!el) return;
    if (!info.host) {
      showOutsideOffice();
      return;
    }
    const lang = officeLang();
    document.documentElement.lang = lang;
    if (info.host !== Office.HostType.Excel) {
      el.textContent =
        lang === "en" ? "Monev runs in Excel only." : "Monev hanya berjalan di Excel.";
      return;
    }
    createRoot(el).render(
      <FluentProvider theme={webLightTheme}>
        <App lang={lang} />
      </FluentProvider>
    );
  });
}

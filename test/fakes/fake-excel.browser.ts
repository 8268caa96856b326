/**
 * Browser entry of the fake Excel host, served in place of office.js in the e2e test and the
 * pane benchmark. Defines Excel/Office/OfficeExtension, `window.__monevHost` and
 * `window.__monevLoadWorkbook(grid)`; Office.onReady resolves (host Excel) once a workbook is
 * loaded, either by that hook or from `window.__monevInitialWorkbook` set before the page loads.
 */
import { FakeExcelHost, GridLike } from "./fake-excel";

interface MonevWindow {
  __monevHost?: FakeExcelHost;
  __monevLoadWorkbook?: (grid: GridLike | GridLike[]) => void;
  __monevInitialWorkbook?: GridLike | GridLike[];
  __monevDisplayLanguage?: string;
}

const w = window as unknown as MonevWindow;
const host = new FakeExcelHost();
host.install(window);
if (w.__monevDisplayLanguage) host.displayLanguage = w.__monevDisplayLanguage;
w.__monevHost = host;
w.__monevLoadWorkbook = (grid) => host.loadGrid(grid);
if (w.__monevInitialWorkbook) host.loadGrid(w.__monevInitialWorkbook);

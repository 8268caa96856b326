/** Bundle test/fakes/fake-excel.browser.ts into one IIFE script (esbuild, in memory). */
import * as path from "path";

export function buildFakeBrowserBundle(): string {
  // esbuild ships with tsx; required lazily so jest only loads it for the e2e test.
  const esbuild = require("esbuild") as typeof import("esbuild");
  const out = esbuild.buildSync({
    entryPoints: [path.join(__dirname, "fake-excel.browser.ts")],
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2020",
    write: false,
    logLevel: "silent",
  });
  return out.outputFiles[0].text;
}

/**
 * bench/engine-child.ts as one plain JavaScript bundle in a temporary folder, removed when the
 * process exits: the engine runs as the built CLI and the pane's worker run it (under the tsx
 * loader a process carries ~65 MB of the loader).
 */
import * as esbuild from "esbuild";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export function bundleEngineChild(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "monev-bench-js-"));
  const bundle = path.join(dir, "engine-child.js");
  process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
  esbuild.buildSync({
    entryPoints: [path.join(__dirname, "engine-child.ts")],
    bundle: true,
    platform: "node",
    target: "node20",
    outfile: bundle,
    logLevel: "warning",
    external: ["exceljs"],
  });
  return bundle;
}

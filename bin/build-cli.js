#!/usr/bin/env node
/*
 * `npm run build:cli` / `prepare`: compile the CLI (src/cli + the engine it uses) to CommonJS in
 * dist-cli/ with tsconfig.cli.json. Without TypeScript (an install without dev dependencies) it
 * says so and leaves dist-cli/ as it is, instead of failing the install. With --prepare (the npm
 * `prepare` hook, run by `npm ci`/`npm install`), type errors are reported but do not fail the
 * install: tsc still emits the JavaScript; `npm run typecheck` and `npm run build` stay strict.
 */
"use strict";
const { spawnSync } = require("child_process");
const path = require("path");

const root = path.resolve(__dirname, "..");
let tsc;
try {
  tsc = require.resolve("typescript/bin/tsc", { paths: [root] });
} catch {
  process.stderr.write("monev: TypeScript tidak terpasang; dist-cli/ tidak dibangun ulang.\n");
  process.exit(0);
}
const r = spawnSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.cli.json")], {
  cwd: root,
  stdio: "inherit",
});
const code = r.status === null ? 1 : r.status;
if (code !== 0 && process.argv.includes("--prepare")) {
  process.stderr.write(
    "monev: tsc melaporkan galat (lihat di atas); dist-cli/ tetap dibangun. Periksa dengan 'npm run typecheck'.\n"
  );
  process.exit(0);
}
process.exit(code);

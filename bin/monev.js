#!/usr/bin/env node
/* Shim for the `monev` bin: runs the TypeScript CLI through tsx (a dependency of the repo). */
"use strict";
const { spawnSync } = require("child_process");
const path = require("path");
const { pathToFileURL } = require("url");

const root = path.resolve(__dirname, "..");
let loader;
try {
  loader = pathToFileURL(require.resolve("tsx", { paths: [root] })).href;
} catch {
  process.stderr.write("monev: paket 'tsx' tidak ditemukan; jalankan 'npm ci' di " + root + "\n");
  process.exit(1);
}
const main = path.join(root, "src", "cli", "main.ts");
const r = spawnSync(process.execPath, ["--import", loader, main, ...process.argv.slice(2)], { stdio: "inherit" });
if (r.error) {
  process.stderr.write("monev: " + r.error.message + "\n");
  process.exit(1);
}
process.exit(r.status === null ? 1 : r.status);

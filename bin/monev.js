#!/usr/bin/env node
/*
 * The `monev` command: runs the compiled CLI (dist-cli/, built by `npm run build` or
 * `npm run build:cli`) in this process, with no TypeScript loader, so `monev --help` starts in
 * about a tenth of a second. For development, `npm run monev -- <command>` runs the sources via tsx.
 */
"use strict";
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const main = path.join(root, "dist-cli", "cli", "main.js");
if (!fs.existsSync(main)) {
  process.stderr.write(
    "monev: CLI belum dibangun: " +
      path.relative(process.cwd(), main) +
      " tidak ada.\n" +
      "Jalankan 'npm run build:cli' di " +
      root +
      ", lalu coba lagi.\n"
  );
  process.exit(1);
}
require(main)
  .main(process.argv)
  .then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write("monev: " + (e && e.stack ? e.stack : String(e)) + "\n");
      process.exitCode = 1;
    }
  );

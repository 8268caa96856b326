/**
 * `npm run samples`: writes the bundled sample workbooks used by `monev demo` and the tests.
 *   samples/<id>.xlsx         the table as printed in the seed report (audit input)
 *   samples/<id>-kosong.xlsx  the same table with the computed cells emptied (evaluate input)
 *   samples/renja-e81.xlsx    a Renja evaluation form E.81 to fill in
 * The files are committed so that `npm run demo` works right after `npm ci`.
 */
import * as fs from "fs";
import * as path from "path";
import { writeGridsToXlsx } from "../src/cli/xlsx";
import { e81Grid, seedGrids } from "./samples/seed-to-grid";

async function main(): Promise<void> {
  const root = path.resolve(__dirname, "..");
  const outDir = path.join(root, "samples");
  fs.mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  for (const s of seedGrids()) {
    const printed = path.join(outDir, `${s.id}.xlsx`);
    const emptied = path.join(outDir, `${s.id}-kosong.xlsx`);
    await writeGridsToXlsx([s.printed], printed);
    await writeGridsToXlsx([s.emptied], emptied);
    written.push(printed, emptied);
  }
  const e81 = path.join(outDir, "renja-e81.xlsx");
  await writeGridsToXlsx([e81Grid()], e81);
  written.push(e81);
  for (const f of written) {
    process.stdout.write(`${path.relative(root, f)} (${fs.statSync(f).size} B)\n`);
  }
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 1;
});

/** `npm run bench`: runs every benchmark in one process tree, one after another, and prints their tables. */
import { spawnSync } from "child_process";
import * as path from "path";

const benches = ["functions.ts", "engine.ts", "pane.ts"];
let failed = 0;
for (const b of benches) {
  console.log(`\n=== bench/${b} ===`);
  const r = spawnSync(
    process.execPath,
    ["--import", "tsx", path.join(__dirname, b), ...process.argv.slice(2)],
    { stdio: "inherit" }
  );
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);

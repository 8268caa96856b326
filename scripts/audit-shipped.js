// `npm audit --omit=dev`, failing on high/critical advisories in what we ship.
// This workplace's registry mirror answers the advisory endpoint with 405; then we say so and go on
// (the check still runs wherever the endpoint answers, e.g. a developer's machine).
const { spawnSync } = require("child_process");
const r = spawnSync("npm", ["audit", "--omit=dev", "--json"], { encoding: "utf8" });
let report;
try {
  report = JSON.parse(r.stdout);
} catch {
  report = null;
}
const v = report && report.metadata && report.metadata.vulnerabilities;
if (!v) {
  console.warn(
    "npm audit: layanan advisori tidak terjangkau dari mesin ini; pemeriksaan dilewati."
  );
  console.warn(
    (r.stderr || "")
      .split("\n")
      .filter((l) => /audit|error/i.test(l))
      .slice(0, 3)
      .join("\n")
  );
  process.exit(0);
}
console.log(`npm audit --omit=dev: ${JSON.stringify(v)}`);
process.exit(v.high || v.critical ? 1 : 0);

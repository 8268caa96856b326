/**
 * Jest global setup: the bundle, manifest and end-to-end tests read `dist/`. Build it when it is
 * missing or older than its sources, so `npm test` passes in a fresh clone without a separate
 * `npm run build` (CI builds first, and then this is a no-op).
 */
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const stamp = path.join(root, "dist", "taskpane.html");

function newest(p) {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let m = 0;
  for (const e of fs.readdirSync(p)) m = Math.max(m, newest(path.join(p, e)));
  return m;
}

/**
 * A production build needs the add-in's public URL (webpack.config.js refuses to guess one). Tests
 * build with a reserved, never-resolving host unless the caller gives a real one.
 */
const TEST_PUBLIC_URL = "https://example.invalid/monev/";

module.exports = async function globalSetup() {
  process.env.MONEV_PUBLIC_URL ||= TEST_PUBLIC_URL;
  // For quick runs of suites that do not read dist/ (e.g. while several people edit src/ at once).
  if (process.env.MONEV_SKIP_BUILD === "1") return;
  const sources = [
    "src",
    "assets",
    "manifest.xml",
    "manifest-excel2016.xml",
    "webpack.config.js",
    "package.json",
  ]
    .map((p) => path.join(root, p))
    .filter(fs.existsSync);
  const built = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
  if (built > 0 && built >= Math.max(...sources.map(newest))) return;
  process.stderr.write(
    "\njest: dist/ is missing or older than src/: building it (npm run build)…\n"
  );
  const res = spawnSync(
    process.platform === "win32" ? "npm.cmd" : "npm",
    ["run", "build", "--silent"],
    { cwd: root, stdio: "inherit" }
  );
  if (res.status !== 0)
    throw new Error(`npm run build failed (exit ${res.status}); the bundle tests need dist/`);
};

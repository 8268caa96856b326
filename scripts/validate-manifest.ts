/** `npm run validate`: offline manifest checks plus `office-addin-manifest info` (parses it as Office would). */
import * as fs from "fs";
import * as path from "path";
import { execFileSync } from "child_process";
import { validateManifestText } from "./manifest-rules";

const root = path.resolve(__dirname, "..");
const file = process.argv[2] ?? path.join(root, "manifest.xml");
const problems = validateManifestText(fs.readFileSync(file, "utf8"), root);
try {
  execFileSync(process.execPath, [require.resolve("office-addin-manifest/cli.js"), "info", file], { stdio: "pipe" });
} catch (e) {
  problems.push(`office-addin-manifest info gagal: ${(e as Error).message}`);
}
if (problems.length) {
  console.error(`Manifest ${file}: ${problems.length} masalah`);
  for (const p of problems) console.error(`- ${p}`);
  process.exit(1);
}
console.log(`Manifest ${file}: lolos pemeriksaan offline (XML, id, URL HTTPS, resid, namespace MONEV, ikon, office-addin-manifest info).`);
console.log("Sebelum rilis, jalankan juga validasi daring: npx office-addin-manifest validate manifest.xml");

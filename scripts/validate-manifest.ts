/**
 * `npm run validate`: offline manifest checks plus `office-addin-manifest info` (parses it as Office
 * would), for the source manifests (manifest*.xml, dev URLs) and the production ones in dist/ (built
 * by `npm run build` with MONEV_PUBLIC_URL): those must not point at localhost or at a default host.
 * `npm run validate -- some/manifest.xml` checks one file.
 */
import * as fs from "fs";
import * as path from "path";
import { execFileSync } from "child_process";
import { validateManifestText } from "./manifest-rules";

const root = path.resolve(__dirname, "..");
const dist = path.join(root, "dist");

function manifestsIn(dir: string): string[] {
  return fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => /^manifest.*\.xml$/.test(f))
        .map((f) => path.join(dir, f))
    : [];
}

/** Extra rules for a production manifest: one public HTTPS host, no localhost, no default host. */
export function productionProblems(xml: string): string[] {
  const problems: string[] = [];
  if (/localhost|127\.0\.0\.1/i.test(xml))
    problems.push("masih menunjuk ke localhost (build ulang dengan MONEV_PUBLIC_URL)");
  if (/monev\.github\.io/i.test(xml))
    problems.push("menunjuk ke host bawaan monev.github.io, bukan host kantor Anda");
  const source = /<SourceLocation DefaultValue="([^"]+)"/.exec(xml)?.[1];
  if (!source) problems.push("SourceLocation tidak ada");
  else {
    const origin = new URL(source).origin;
    for (const m of xml.matchAll(/<AppDomain>([^<]+)<\/AppDomain>/g))
      if (m[1] !== origin) problems.push(`AppDomain ${m[1]} bukan ${origin}`);
  }
  return problems;
}

function check(file: string, production: boolean): string[] {
  return checkText(fs.readFileSync(file, "utf8"), file, production);
}

function checkText(xml: string, file: string, production: boolean): string[] {
  // A manifest without custom functions (manifest-excel2016.xml) has no MONEV namespace to check.
  const withFunctions = /xsi:type="CustomFunctions"/.test(xml);
  const problems = validateManifestText(xml, root).filter(
    (p) => withFunctions || !/Namespace|namespace/.test(p)
  );
  if (production) problems.push(...productionProblems(xml));
  try {
    execFileSync(
      process.execPath,
      [require.resolve("office-addin-manifest/cli.js"), "info", file],
      { stdio: "pipe" }
    );
  } catch (e) {
    problems.push(`office-addin-manifest info gagal: ${(e as Error).message}`);
  }
  return problems;
}

function main(): void {
  const files: [string, boolean][] = process.argv[2]
    ? [[path.resolve(process.argv[2]), path.resolve(process.argv[2]).startsWith(dist)]]
    : [
        ...manifestsIn(root).map((f): [string, boolean] => [f, false]),
        ...manifestsIn(dist).map((f): [string, boolean] => [f, true]),
      ];
  let failed = false;
  if (!process.argv[2] && manifestsIn(dist).length === 0) {
    console.error(
      "dist/manifest.xml tidak ada: jalankan dulu MONEV_PUBLIC_URL=https://… npm run build (manifest produksi juga diperiksa)."
    );
    failed = true;
  }
  for (const [file, production] of files) {
    const rel = path.relative(root, file);
    const problems = check(file, production);
    if (problems.length) {
      failed = true;
      console.error(`Manifest ${rel}: ${problems.length} masalah`);
      for (const p of problems) console.error(`- ${p}`);
    } else {
      const functions = /xsi:type="CustomFunctions"/.test(fs.readFileSync(file, "utf8"))
        ? "namespace MONEV"
        : "tanpa fungsi kustom";
      console.log(
        `Manifest ${rel}: lolos pemeriksaan offline (XML, id, URL HTTPS, resid, ${functions}, ikon, office-addin-manifest info${production ? ", tanpa localhost/host bawaan" : ""}).`
      );
    }
  }
  if (failed) process.exit(1);
  console.log(
    "Sebelum rilis, jalankan juga validasi daring: npx office-addin-manifest validate dist/manifest.xml"
  );
}

if (require.main === module) main();

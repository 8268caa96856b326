/**
 * LibreOffice headless helpers for tests and benchmarks: recalculate .xlsx files in ONE soffice
 * run with a throwaway profile that forces recalculation on load (OOXMLRecalcMode = 0, "always"),
 * so the cached values written by Monev are replaced by LibreOffice's own results.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export const INSTALL_HINT =
  "LibreOffice (soffice) tidak ditemukan / not found. Install it, e.g. " +
  "`sudo apt-get install -y libreoffice-calc-nogui` (Debian/Ubuntu), or set MONEV_SOFFICE=/path/to/soffice.";

/** Path of the soffice binary, or null. */
export function findSoffice(): string | null {
  const candidates = [
    process.env.MONEV_SOFFICE,
    "/usr/bin/soffice",
    "/usr/local/bin/soffice",
    "/usr/lib/libreoffice/program/soffice",
    "/opt/libreoffice/program/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
  ].filter((x): x is string => !!x);
  for (const c of candidates) if (fs.existsSync(c)) return c;
  const w = spawnSync("sh", ["-c", "command -v soffice || command -v libreoffice"], {
    encoding: "utf8",
  });
  const p = (w.stdout ?? "").trim();
  return p ? p : null;
}

const XCU = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="FirstRun" oor:op="fuse"><value>false</value></prop></item>
</oor:items>
`;

/** A fresh LibreOffice user profile that always recalculates on load. Returns its file:// URL and dir. */
export function makeRecalcProfile(): { dir: string; url: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "monev-lo-profile-"));
  fs.mkdirSync(path.join(dir, "user"), { recursive: true });
  fs.writeFileSync(path.join(dir, "user", "registrymodifications.xcu"), XCU);
  return { dir, url: `file://${dir}` };
}

/** A written cell as the CLI's JSON report lists it (what the recalculation is compared with). */
export interface ReportedWrite {
  sheet: string;
  address: string;
  formula?: string;
  value: number | string | null;
}

export interface RecalcResult {
  /** input path -> converted (recalculated) xlsx path */
  outputs: Map<string, string>;
  ms: number;
  stdout: string;
  stderr: string;
}

/** soffice arguments: open `files` with the recalculating profile, save each as xlsx into outDir. */
export function recalcArgs(profileUrl: string, outDir: string, files: string[]): string[] {
  return [
    `-env:UserInstallation=${profileUrl}`,
    "--headless",
    "--norestore",
    "--nologo",
    "--nodefault",
    "--convert-to",
    "xlsx:Calc MS Excel 2007 XML",
    "--outdir",
    outDir,
    ...files,
  ];
}

/**
 * Open every file in LibreOffice (one process), recalculate, and save as xlsx into outDir.
 * Input basenames must be unique (LibreOffice names outputs after them).
 */
export function recalcWithLibreOffice(
  files: string[],
  outDir: string,
  timeoutMs = 600_000
): RecalcResult {
  const soffice = findSoffice();
  if (!soffice) throw new Error(INSTALL_HINT);
  const names = new Set(files.map((f) => path.basename(f).toLowerCase()));
  if (names.size !== files.length)
    throw new Error("recalcWithLibreOffice: input basenames must be unique");
  fs.mkdirSync(outDir, { recursive: true });
  const profile = makeRecalcProfile();
  const t0 = Date.now();
  const r = spawnSync(soffice, recalcArgs(profile.url, outDir, files), {
    encoding: "utf8",
    timeout: timeoutMs,
    env: { ...process.env, HOME: profile.dir },
  });
  const ms = Date.now() - t0;
  fs.rmSync(profile.dir, { recursive: true, force: true });
  if (r.error) throw new Error(`soffice failed: ${r.error.message}`);
  const outputs = new Map<string, string>();
  for (const f of files) {
    const out = path.join(outDir, path.basename(f).replace(/\.[^.]+$/, "") + ".xlsx");
    if (fs.existsSync(out)) outputs.set(f, out);
  }
  if (outputs.size !== files.length) {
    throw new Error(
      `soffice converted ${outputs.size}/${files.length} files (exit ${r.status}).\n${r.stdout}\n${r.stderr}`
    );
  }
  return { outputs, ms, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
}

/** Compare a recalculated value with Monev's cached value: numbers within 1e-6 relative. */
export function sameValue(actual: unknown, expected: number | string | null): boolean {
  const blank = (v: unknown) => v === null || v === undefined || v === "";
  if (blank(expected)) return blank(actual);
  if (typeof expected === "number") {
    const a = typeof actual === "string" && actual.trim() !== "" ? Number(actual) : actual;
    if (typeof a !== "number" || !Number.isFinite(a)) return false;
    return Math.abs(a - expected) <= 1e-6 * Math.abs(expected) + 1e-9;
  }
  return String(actual) === String(expected);
}

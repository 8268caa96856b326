/**
 * Path safety of the CLI: the input is never overwritten, whatever path reaches it (a symlink, a
 * hard link, `./a/../x.xlsx`), and a JSON report never lands on a workbook.
 */
import * as fs from "fs";
import * as path from "path";
import { usageError } from "./exit";

/** Both paths name the same existing file (real path, or device + inode for hard links). */
export function sameFile(a: string, b: string): boolean {
  if (path.resolve(a) === path.resolve(b)) return true;
  try {
    if (fs.realpathSync(a) === fs.realpathSync(b)) return true;
    const sa = fs.statSync(a);
    const sb = fs.statSync(b);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false; // one of them does not exist yet: it cannot be the other
  }
}

/** Refuse a report path that is an input, an output or any spreadsheet file. */
export function checkReportPath(report: string, inputs: string[], outputs: string[] = []): void {
  const clash = [...inputs, ...outputs].find((f) => sameFile(report, f));
  if (clash !== undefined || /\.(?:xlsx|xlsm|xls|xlsb|ods)$/i.test(report)) {
    throw usageError(
      `Laporan JSON tidak boleh ditulis ke ${report}${clash !== undefined ? ` (itu berkas ${inputs.includes(clash) ? "masukan" : "keluaran"})` : " (berkas lembar kerja)"}. Pilih nama lain, mis. laporan.json.`,
      `The JSON report cannot be written to ${report}${clash !== undefined ? ` (it is the ${inputs.includes(clash) ? "input" : "output"} file)` : " (a spreadsheet file)"}. Choose another name, e.g. report.json.`
    );
  }
}

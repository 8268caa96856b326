/**
 * The console summary names table shapes as a user reads them (not internal ids such as
 * "fisik-keuangan") and lists predikat counts in the scale's order (not by count).
 */
import * as path from "path";
import { copySample, runCli, tmpDir } from "./run-cli";

test("shape names and predikat counts in the scale's order", () => {
  const dir = tmpDir("monev-console-");
  const run = runCli([
    "evaluate",
    copySample("banjarmasin-3-3-kosong.xlsx", dir),
    "-o",
    path.join(dir, "h.xlsx"),
  ]);
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/realisasi fisik dan keuangan [A-Z]+\d+:[A-Z]+\d+/);
  expect(run.stdout).not.toMatch(/fisik-keuangan/);
  // Berhasil scale order: Sangat Berhasil, Berhasil, Cukup Berhasil, Kurang Berhasil, Tidak Berhasil.
  expect(run.stdout).toMatch(
    /Predikat: Sangat Berhasil: \d+, Berhasil: \d+, Cukup Berhasil: \d+, Kurang Berhasil: \d+, Tidak Berhasil: \d+/
  );
});

/**
 * `monev audit`: only reads; exit 0 even when there are findings; optional JSON report.
 */
import * as fs from "fs";
import * as path from "path";
import { copySample, readJson, runCli, sampleFiles, tmpDir } from "./run-cli";

const { printed } = sampleFiles();

test("audit writes nothing but the report and exits 0 with findings", () => {
  const dir = tmpDir();
  const inputs = printed.map((n) => copySample(n, dir));
  const before = inputs.map((f) => fs.readFileSync(f));
  const report = path.join(dir, "audit.json");
  const run = runCli(["audit", ...inputs, "--report", report]);
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/Temuan audit: \d+/);
  expect(run.stdout).toMatch(/Rekap \d+ berkas/);
  inputs.forEach((f, i) => expect(fs.readFileSync(f).equals(before[i])).toBe(true));
  expect(fs.readdirSync(dir).sort()).toEqual([...printed, "audit.json"].sort());
  const r = readJson<{
    command: string;
    files: { findings: { address: string; message: string }[] }[];
  }>(report);
  expect(r.command).toBe("audit");
  expect(r.files).toHaveLength(inputs.length);
  const findings = r.files.flatMap((f) => f.findings);
  // The seed tables carry real arithmetic and label errors (see docs/domain notes).
  expect(findings.length).toBeGreaterThan(0);
  for (const f of findings) {
    expect(f.address).toMatch(/^[A-Z]{1,3}[1-9]\d*$/);
    expect(typeof f.message).toBe("string");
  }
});

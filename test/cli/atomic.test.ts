/**
 * Atomic writes (src/cli/atomic.ts): a write that fails half-way, or a run interrupted by Ctrl+C,
 * leaves neither a temp file nor a half-written output behind.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { AtomicWriter, writeFileAtomic } from "../../src/cli/atomic";
import { ReportWriter } from "../../src/cli/report";
import { writeGridsToXlsx } from "../../src/cli/xlsx";
import { rkpdGrid } from "../../scripts/samples/seed-to-grid";
import { BIN, ensureCompiledCli } from "./compiled-cli";
import { tmpDir } from "./run-cli";

/** The real module object (what atomic.ts reads through its import); `import * as fs` is read-only. */
const nodeFs = require("fs") as {
  fsyncSync: typeof fs.fsyncSync;
  openSync: typeof fs.openSync;
  writeFileSync: typeof fs.writeFileSync;
};

const temps = (dir: string) => fs.readdirSync(dir).filter((n) => n.includes(".tmp-"));

describe("writeFileAtomic with an injected write error", () => {
  const realFsync = fs.fsyncSync;
  const realOpen = fs.openSync;
  const realWriteFile = fs.writeFileSync;
  afterEach(() => {
    nodeFs.fsyncSync = realFsync;
    nodeFs.openSync = realOpen;
    nodeFs.writeFileSync = realWriteFile;
  });

  it("a failing fsync (full disk) leaves no temp file and the old target untouched", () => {
    const d = tmpDir("monev-atomic-");
    const target = path.join(d, "hasil.xlsx");
    fs.writeFileSync(target, "lama");
    nodeFs.fsyncSync = () => {
      throw Object.assign(new Error("ENOSPC: no space left on device"), { code: "ENOSPC" });
    };
    expect(() => writeFileAtomic(target, Buffer.alloc(100_000, 1))).toThrow(/ENOSPC/);
    expect(temps(d)).toEqual([]);
    expect(fs.readFileSync(target, "utf8")).toBe("lama");
  });

  it("a failing rename leaves no temp file", () => {
    const d = tmpDir("monev-atomic-");
    // The target is a non-empty directory: rename onto it fails after the data was written.
    const target = path.join(d, "folder.xlsx");
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, "x"), "x");
    expect(() => writeFileAtomic(target, "data")).toThrow();
    expect(temps(d)).toEqual([]);
  });

  it("a directory it may not write into (EACCES, injected: this runs as root too): the error is reported and nothing is left", () => {
    const d = tmpDir("monev-atomic-");
    nodeFs.openSync = () => {
      throw Object.assign(new Error("EACCES: permission denied"), { code: "EACCES" });
    };
    expect(() => writeFileAtomic(path.join(d, "x.json"), "{}")).toThrow(/EACCES/);
    expect(fs.readdirSync(d)).toEqual([]);
  });

  it("a write that fails half-way (EIO after the temp file exists) removes the temp file", () => {
    const d = tmpDir("monev-atomic-");
    nodeFs.writeFileSync = () => {
      throw Object.assign(new Error("EIO: i/o error"), { code: "EIO" });
    };
    expect(() => writeFileAtomic(path.join(d, "x.json"), "{}")).toThrow(/EIO/);
    nodeFs.writeFileSync = realWriteFile;
    expect(fs.readdirSync(d)).toEqual([]);
  });

  it("a streamed report: an error half-way removes the temp file; commit is all or nothing", () => {
    const d = tmpDir("monev-atomic-");
    const file = path.join(d, "laporan.json");
    const w = new ReportWriter(file, { tool: "monev", command: "audit" });
    w.addFile({ input: "a.xlsx", findings: [1, 2] });
    nodeFs.fsyncSync = () => {
      throw new Error("EIO: i/o error");
    };
    expect(() => w.finish({ failures: [] })).toThrow(/Gagal menulis laporan .*EIO/);
    expect(fs.readdirSync(d)).toEqual([]);
    nodeFs.fsyncSync = realFsync;
    const ok = new ReportWriter(file, { tool: "monev", command: "audit" });
    ok.addFile({ input: "a.xlsx" });
    ok.addFile({ input: "b.xlsx" });
    expect(fs.existsSync(file)).toBe(false);
    ok.finish({ failures: [], recap: undefined });
    expect(JSON.parse(fs.readFileSync(file, "utf8"))).toEqual({
      tool: "monev",
      command: "audit",
      files: [{ input: "a.xlsx" }, { input: "b.xlsx" }],
      failures: [],
    });
    const aborted = new AtomicWriter(path.join(d, "x.bin"));
    aborted.write("abc");
    aborted.abort();
    expect(fs.readdirSync(d)).toEqual(["laporan.json"]);
  });
});

describe("Ctrl+C during a run", () => {
  const dir = tmpDir("monev-sigint-");
  const inputs: string[] = [];
  beforeAll(async () => {
    ensureCompiledCli();
    // Big enough that reading, analysing and writing take a few seconds per file.
    for (const name of ["a.xlsx", "b.xlsx", "c.xlsx"]) {
      const f = path.join(dir, name);
      if (inputs.length === 0) await writeGridsToXlsx([rkpdGrid(6000, { consistent: true })], f);
      else fs.copyFileSync(inputs[0], f);
      inputs.push(f);
    }
  }, 300_000);

  /** Start a parallel evaluate, send SIGINT when a temp file shows up (or after `maxMs`). */
  function interrupt(
    outDir: string,
    maxMs: number
  ): Promise<{ signal: NodeJS.Signals | null; code: number | null; sawTemp: boolean }> {
    return new Promise((resolve) => {
      const child = spawn(
        process.execPath,
        [BIN, "evaluate", ...inputs, "-o", outDir + path.sep, "--paralel", "3"],
        { stdio: "ignore" }
      );
      const t0 = Date.now();
      let sawTemp = false;
      let sent = false;
      const poll = setInterval(() => {
        let names: string[] = [];
        try {
          names = fs.readdirSync(outDir);
        } catch {
          /* not created yet */
        }
        if (names.some((n) => n.includes(".tmp-"))) sawTemp = true;
        if (!sent && (sawTemp || Date.now() - t0 > maxMs)) {
          sent = true;
          child.kill("SIGINT");
        }
      }, 2);
      child.on("exit", (code, signal) => {
        clearInterval(poll);
        resolve({ signal, code, sawTemp });
      });
    });
  }

  it.each([1500, 4000, 8000])(
    "SIGINT after up to %i ms: no temp file, no half-written output",
    async (ms) => {
      const outDir = path.join(dir, `hasil-${ms}`);
      const r = await interrupt(outDir, ms);
      expect(r.signal === "SIGINT" || r.code === 0).toBe(true);
      const left = fs.existsSync(outDir) ? fs.readdirSync(outDir) : [];
      expect(left.filter((n) => n.includes(".tmp-"))).toEqual([]);
      // Whatever output exists is complete: a zip ends with its end-of-central-directory record.
      for (const n of left) {
        const b = fs.readFileSync(path.join(outDir, n));
        expect(b.readUInt32LE(b.length - 22)).toBe(0x06054b50);
      }
      expect(temps(dir)).toEqual([]);
    },
    120_000
  );
});

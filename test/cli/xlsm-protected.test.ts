/**
 * Through the command line: a macro-enabled workbook keeps its extension and macros (a folder
 * output names it .xlsm), and `--tulis-terkunci` writes into a protected sheet while its
 * <sheetProtection> (password hash included) stays byte-identical. Without the flag the locked
 * sheet is left alone and the summary says so.
 */
import * as fs from "fs";
import * as path from "path";
import { strFromU8 } from "fflate";
import { unzipParts, zipParts } from "../helpers/ooxml-package";
import { kitchenSink } from "./fidelity-workbook";
import { runCli, tmpDir } from "./run-cli";

const dir = tmpDir("monev-xlsm-");
const input = path.join(dir, "opd.xlsm");
fs.writeFileSync(input, zipParts(kitchenSink(true)));
const part = (file: string, p: string) => strFromU8(unzipParts(fs.readFileSync(file))[p]);
const PROTECTION =
  '<sheetProtection password="CC3D" sheet="1" objects="1" scenarios="1" formatCells="0"/>';

test("-o folder/: an .xlsm input gives an .xlsm output with its vbaProject.bin unchanged", () => {
  const out = path.join(dir, "hasil");
  const run = runCli(["evaluate", input, "-o", `${out}/`]);
  expect(run.code).toBe(0);
  const written = path.join(out, "opd.xlsm");
  expect(fs.existsSync(written)).toBe(true);
  expect(Buffer.from(unzipParts(fs.readFileSync(written))["xl/vbaProject.bin"])).toEqual(
    Buffer.from(unzipParts(fs.readFileSync(input))["xl/vbaProject.bin"])
  );
  expect(part(written, "[Content_Types].xml")).toMatch(/macroEnabled/);
});

test("-o name.xlsm is accepted; the locked sheet is not written without --tulis-terkunci", () => {
  const out = path.join(dir, "tanpa-flag.xlsm");
  const run = runCli(["evaluate", input, "-o", out]);
  expect(run.code).toBe(0);
  expect(part(out, "xl/worksheets/sheet3.xml")).toBe(part(input, "xl/worksheets/sheet3.xml"));
});

test("--tulis-terkunci writes the locked sheet and keeps its protection byte for byte", () => {
  const out = path.join(dir, "dengan-flag.xlsm");
  const run = runCli(["evaluate", input, "-o", out, "--tulis-terkunci"]);
  expect(run.code).toBe(0);
  const s3 = part(out, "xl/worksheets/sheet3.xml");
  expect(s3).not.toBe(part(input, "xl/worksheets/sheet3.xml"));
  expect(part(input, "xl/worksheets/sheet3.xml")).toContain(PROTECTION);
  expect(s3).toContain(PROTECTION);
  expect(s3).toMatch(/<c r="E2"[^>]*><f>[^<]*D2\/C2\*100/);
});

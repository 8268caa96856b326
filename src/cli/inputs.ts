/**
 * Input arguments of evaluate/audit -> files: a file as is, a folder -> its .xlsx files (with
 * --rekursif also those in sub-folders), a glob pattern ("opd/*.xlsx", quoted or on a shell that
 * does not expand it, e.g. cmd.exe) expanded here with tinyglobby. Excel's lock files (~$x.xlsx)
 * and hidden files are skipped. Each file keeps its path relative to the folder or the pattern's
 * fixed part, so `-o hasil/` can mirror sub-folders (dinas-a/iku.xlsx, dinas-b/iku.xlsx).
 */
import * as fs from "fs";
import * as path from "path";
import { inputError, usageError } from "./exit";

export interface InputFile {
  /** Path as given or found (relative to the working directory when the argument was). */
  file: string;
  /** Path below the folder or the pattern's fixed part; the file name for a plain file argument. */
  rel: string;
}

/** Workbooks Monev reads: .xlsx, and .xlsm (its macros are kept byte for byte). */
const XLSX = /\.xls[xm]$/i;
const MAGIC = /[*?[\]{}()!]/;

function skipName(name: string): boolean {
  return name.startsWith("~$") || name.startsWith(".");
}

function listDir(dir: string, recursive: boolean, skipDir: (d: string) => boolean): string[] {
  const outFiles: string[] = [];
  const walk = (d: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      throw inputError(
        `Folder tidak dapat dibaca: ${d} (${msg})`,
        `Cannot read the folder ${d} (${msg})`
      );
    }
    entries.sort((a, b) => a.name.localeCompare(b.name, "id"));
    for (const en of entries) {
      if (skipName(en.name)) continue;
      const p = path.join(d, en.name);
      let isDir = en.isDirectory();
      let isFile = en.isFile();
      if (en.isSymbolicLink()) {
        try {
          const st = fs.statSync(p);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch {
          continue; // dangling link
        }
      }
      if (isDir) {
        if (recursive && !skipDir(p)) walk(p);
      } else if (isFile && XLSX.test(en.name)) outFiles.push(p);
    }
  };
  walk(dir);
  return outFiles;
}

/** The pattern's directory part before its first wildcard: "opd/**\/*.xlsx" -> "opd". */
function globBase(pattern: string): string {
  const parts = pattern.split(/[\\/]/);
  const fixed: string[] = [];
  for (const p of parts.slice(0, -1)) {
    if (MAGIC.test(p)) break;
    fixed.push(p);
  }
  return fixed.join("/") || ".";
}

export interface ExpandOptions {
  recursive?: boolean;
  /** Folders not to descend into (the output folder inside an input folder). */
  exclude?: string[];
}

/** Expand the arguments; throws a usage error when nothing is left to process. */
export function expandInputs(args: string[], o: ExpandOptions = {}): InputFile[] {
  const excluded = (o.exclude ?? []).map((d) => path.resolve(d));
  const inExcluded = (p: string) => {
    const r = path.resolve(p);
    return excluded.some((d) => r === d || r.startsWith(d + path.sep));
  };
  const result: InputFile[] = [];
  const seen = new Set<string>();
  const add = (file: string, rel: string) => {
    const key = path.resolve(file);
    if (seen.has(key)) return;
    seen.add(key);
    result.push({ file, rel });
  };
  for (const arg of args) {
    let st: fs.Stats | undefined;
    try {
      st = fs.statSync(arg);
    } catch {
      st = undefined;
    }
    if (st?.isDirectory()) {
      const files = listDir(arg, !!o.recursive, inExcluded).filter((f) => !inExcluded(f));
      if (files.length === 0) {
        const hasSub = !o.recursive && listDir(arg, true, inExcluded).length > 0;
        throw inputError(
          `Tidak ada berkas .xlsx di folder ${arg}${hasSub ? " (ada di sub-folder: tambahkan --rekursif / -r)" : ""}.`,
          `No .xlsx files in the folder ${arg}${hasSub ? " (there are some in sub-folders: add --rekursif / -r)" : ""}.`
        );
      }
      for (const f of files) add(f, path.relative(arg, f));
    } else if (!st && MAGIC.test(arg)) {
      const { globSync } = require("tinyglobby") as typeof import("tinyglobby");
      const pattern = arg.replace(/\\/g, "/");
      const found = globSync([pattern], { onlyFiles: true, dot: false, expandDirectories: false })
        .filter((f) => XLSX.test(f) && !skipName(path.basename(f)) && !inExcluded(f))
        .sort((a, b) => a.localeCompare(b, "id"));
      if (found.length === 0) {
        throw inputError(
          `Pola ${arg} tidak cocok dengan berkas .xlsx apa pun.`,
          `The pattern ${arg} matches no .xlsx file.`
        );
      }
      const base = globBase(pattern);
      for (const f of found) add(f, path.relative(base, f));
    } else {
      // A plain file, or a missing one: evaluate/audit report it with the usual message (exit 2).
      add(arg, path.basename(arg));
    }
  }
  if (result.length === 0) {
    throw usageError("Tidak ada berkas masukan.", "No input files.");
  }
  return result;
}

/**
 * monev CLI entry (`bin/monev.js` runs the compiled dist-cli/cli/main.js; `npm run monev -- <command>`
 * runs this file through tsx).
 *
 * Exit codes: 0 ok (audit also exits 0 when it reports findings), 1 usage error,
 * 2 bad input (missing, not .xlsx, corrupt, encrypted, no recognisable table), 3 output problem,
 * 4 input over a limit (--maks-ukuran, --maks-sel, --maks-baris).
 *
 * Start-up: only commander, the messages and the scale list load here; the commands (ExcelJS, the
 * engine) are required inside the actions, so `monev --help` and `--version` stay fast.
 */
import * as fs from "fs";
import * as path from "path";
import { Command, CommanderError, Help, Option } from "commander";
import type { BatchCliOptions, CommonOptions, EvaluateCliOptions } from "./commands";
import { EXIT_USAGE, toCliError } from "./exit";
import { detectLang, lang, setLang, t } from "./i18n";
import { DEFAULT_LIMITS, fmtSize } from "./limits";
import { DEFAULT_SCALE_ID, SCALES } from "../core/predikat";

/** The commands module, loaded on first use (it loads ExcelJS and the engine). */
function commands(): typeof import("./commands") {
  return require("./commands") as typeof import("./commands");
}

/** package.json's version: two levels up from src/cli/ and from dist-cli/cli/ alike. */
function packageVersion(): string {
  try {
    const pkg = JSON.parse(
      fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8")
    ) as { version?: string };
    return pkg.version ?? "0.0.0";
  } catch {
    return "0.0.0";
  }
}

/** Commander's English words in a usage line or an option's description, in Indonesian. */
function translateTerms(s: string): string {
  if (lang() === "en") return s;
  return s
    .replace(/\[options\]/g, "[opsi]")
    .replace(/\[command\]/g, "[perintah]")
    .replace(/\(default: /g, "(bawaan: ")
    .replace(/\(choices: /g, "(pilihan: ")
    .replace(/, default: /g, ", bawaan: ");
}

/** Commander's English headings of the help, in Indonesian. */
function translateHeadings(s: string): string {
  if (lang() === "en") return s;
  return s
    .replace(/^Usage: /gm, "Pemakaian: ")
    .replace(/^Arguments:$/gm, "Argumen:")
    .replace(/^Global Options:$/gm, "Opsi umum:")
    .replace(/^Options:$/gm, "Opsi:")
    .replace(/^Commands:$/gm, "Perintah:");
}

/**
 * Help in the message language: terms and descriptions are translated before commander pads and
 * wraps them (so the columns stay aligned), the headings after.
 */
const HELP_CONFIG: Partial<Help> = {
  subcommandTerm(cmd: Command) {
    return translateTerms(Help.prototype.subcommandTerm.call(this, cmd));
  },
  commandUsage(cmd: Command) {
    return translateTerms(Help.prototype.commandUsage.call(this, cmd));
  },
  optionDescription(option: Option) {
    return translateTerms(Help.prototype.optionDescription.call(this, option));
  },
  formatHelp(cmd: Command, helper: Help) {
    return translateHeadings(Help.prototype.formatHelp.call(this, cmd, helper));
  },
};

/** Indonesian wording of commander's own error messages. */
function translateCommander(s: string): string {
  if (detectLang(process.argv, process.env) === "en") return s;
  return s
    .replace(
      /^error: missing required argument '(.+)'/m,
      "galat: argumen wajib '$1' tidak diberikan"
    )
    .replace(
      /^error: required option '(.+)' not specified/m,
      "galat: opsi wajib '$1' tidak diberikan"
    )
    .replace(/^error: option '(.+)' argument missing/m, "galat: opsi '$1' perlu nilai")
    .replace(/^error: unknown option '(.+)'/m, "galat: opsi tidak dikenal '$1'")
    .replace(/^error: unknown command '(.+)'/m, "galat: perintah tidak dikenal '$1'")
    .replace(/^error: too many arguments.*/m, "galat: terlalu banyak argumen")
    .replace(
      /^error: option '(.+)' argument '(.+)' is invalid\. Allowed choices are (.+)\./m,
      "galat: nilai '$2' untuk opsi '$1' tidak sah; pilihan: $3"
    )
    .replace(/^\(Did you mean (.+)\?\)/m, "(Maksud Anda $1?)")
    .replace(/^error:/m, "galat:");
}

const EXIT_HELP = () =>
  t(
    `
Kode keluar:
  0  berhasil (audit juga 0 walau ada temuan: temuan adalah hasil, bukan kegagalan)
  1  salah pemakaian (perintah/opsi tidak dikenal, argumen kurang)
  2  masukan bermasalah (berkas tidak ada, bukan .xlsx, rusak, terenkripsi/dilindungi kata sandi,
     tidak ada tabel evaluasi yang dikenali, lembar tidak ada)
  3  keluaran bermasalah (tidak dapat menulis berkas hasil, laporan atau rekap)
  4  masukan melewati batas (ukuran setelah diekstrak, jumlah sel atau baris; lihat --maks-*)
Bahasa: pesan berbahasa Indonesia; --lang en atau LANG=en* untuk bahasa Inggris.`,
    `
Exit codes:
  0  ok (audit also exits 0 when it reports findings: findings are a result, not a failure)
  1  usage error (unknown command/option, missing argument)
  2  bad input (file missing, not .xlsx, corrupt, encrypted/password-protected,
     no recognisable evaluation table, unknown sheet)
  3  output problem (cannot write the output file, report or recap)
  4  input over a limit (unpacked size, number of cells or rows; see --maks-*)
Language: Indonesian messages; --lang en or LANG=en* for English.`
  );

const BATCH_HELP = () =>
  t(
    `
Banyak berkas: berikan beberapa berkas, folder (dengan -r juga sub-folder) atau pola dalam tanda
kutip ("opd/*.xlsx", "opd/**/*.xlsx"; diuraikan oleh monev sendiri). Berkas diproses paralel
(--paralel N, bawaan = jumlah inti CPU dikurangi satu); --rekap rekap.xlsx menulis satu baris per berkas (OPD).`,
    `
Many files: give several files, folders (with -r also sub-folders) or quoted patterns
("opd/*.xlsx", "opd/**/*.xlsx"; expanded by monev itself). Files run in parallel
(--paralel N, default = number of CPU cores minus one); --rekap recap.xlsx writes one row per file (agency).`
  );

/** --batas: the cap of capaian (evaluate and audit). */
function batasOption(): Option {
  return new Option(
    "--batas <n>",
    t(
      "batas atas capaian, mis. 100 atau 120: rumus MIN(…, batas) dan rekap",
      "cap of the achievement, e.g. 100 or 120: MIN(…, cap) formulas and summary"
    )
  );
}

/** --triwulan: how a realisation is made of its quarters (evaluate and audit). */
function triwulanOption(): Option {
  return new Option(
    "--triwulan <jenis>",
    t(
      "realisasi dari triwulan: jumlah, akhir (triwulan terakhir terisi), rata, atau auto (tebak dari satuan/kata)",
      "realisation from quarters: jumlah (sum), akhir (last filled), rata (average) or auto (guess from unit/wording)"
    )
  ).choices(["auto", "jumlah", "akhir", "rata"]);
}

/** "--scale" help: every scale of src/core/predikat.ts with its bands. */
function scaleHelp(): string {
  const list = Object.values(SCALES)
    .map(
      (s) => `${s.id}${s.id === DEFAULT_SCALE_ID ? t(" (bawaan)", " (default)") : ""}: ${s.name}`
    )
    .join("; ");
  return t(`skala predikat: ${list}`, `rating scale: ${list}`);
}

function common(cmd: Command): Command {
  return cmd
    .addOption(
      new Option("--lang <lang>", t("bahasa pesan", "message language")).choices(["id", "en"])
    )
    .option(
      "--progress",
      t(
        "tampilkan kemajuan di stderr walau bukan terminal",
        "show progress on stderr even when not a terminal"
      )
    );
}

function limitOptions(cmd: Command): Command {
  return cmd
    .option(
      "--maks-ukuran <ukuran>",
      t(
        `batas ukuran isi .xlsx setelah diekstrak, mis. 500MB (bawaan ${fmtSize(DEFAULT_LIMITS.maxBytes)}; 0 = tanpa batas)`,
        `limit on the unpacked size of an .xlsx, e.g. 500MB (default ${fmtSize(DEFAULT_LIMITS.maxBytes)}; 0 = no limit)`
      )
    )
    .option(
      "--maks-sel <jumlah>",
      t(
        `batas jumlah sel per berkas (bawaan ${DEFAULT_LIMITS.maxCells.toLocaleString("id-ID")}; 0 = tanpa batas)`,
        `limit on the cells of a file (default ${DEFAULT_LIMITS.maxCells.toLocaleString("en-US")}; 0 = no limit)`
      )
    )
    .option(
      "--maks-baris <jumlah>",
      t(
        `batas jumlah baris per lembar (bawaan ${DEFAULT_LIMITS.maxRows.toLocaleString("id-ID")}; 0 = tanpa batas)`,
        `limit on the rows of a sheet (default ${DEFAULT_LIMITS.maxRows.toLocaleString("en-US")}; 0 = no limit)`
      )
    );
}

function batchOptions(cmd: Command): Command {
  return limitOptions(
    cmd
      .option(
        "-r, --rekursif",
        t("folder masukan: sertakan sub-folder", "input folders: include sub-folders")
      )
      .option(
        "--paralel <n>",
        t(
          "jumlah berkas yang diproses bersamaan (bawaan: jumlah inti CPU dikurangi satu)",
          "files processed at once (default: number of CPU cores minus one)"
        )
      )
      .option(
        "--rekap <file.xlsx>",
        t(
          "tulis rekap Excel: satu baris per berkas/OPD",
          "write an Excel recap: one row per file/agency"
        )
      )
  );
}

function inputArgument(): string {
  return t("[masukan...]", "[input...]");
}

const INPUT_HELP = () =>
  t(
    'berkas .xlsx, folder, atau pola seperti "opd/*.xlsx"',
    'files .xlsx, folders, or patterns such as "opd/*.xlsx"'
  );

export function buildProgram(): Command {
  const program = new Command();
  program
    .name("monev")
    .description(
      t(
        "Monev: evaluasi kinerja (SAKIP/LKjIP/RKPD) pada lembar kerja Excel: capaian, predikat, audit angka.",
        "Monev: performance evaluation (SAKIP/LKjIP/RKPD) of Excel worksheets: achievement, rating, audit."
      )
    )
    .version(
      packageVersion(),
      "-V, --version",
      t("tampilkan nomor versi", "show the version number")
    )
    .option("--lang <lang>", t("bahasa pesan (id|en)", "message language (id|en)"))
    .helpOption("-h, --help", t("tampilkan bantuan", "show help"))
    .helpCommand(
      t("help [perintah]", "help [command]"),
      t("tampilkan bantuan untuk perintah", "show help for a command")
    )
    .configureHelp(HELP_CONFIG)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(translateCommander(s)) })
    .showHelpAfterError(t("(pakai --help untuk bantuan)", "(use --help for help)"))
    .addHelpText("after", EXIT_HELP());

  common(
    batchOptions(
      program
        .command("evaluate")
        .description(
          t(
            "Isi rumus capaian/predikat pada setiap tabel evaluasi dan tulis berkas BARU (masukan tidak diubah).",
            "Fill in achievement/rating formulas in every evaluation table and write a NEW file (input untouched)."
          )
        )
        .argument(inputArgument(), INPUT_HELP())
        .option(
          "-o, --output <path>",
          t(
            "berkas keluaran .xlsx, atau folder/ untuk beberapa berkas (wajib)",
            "output .xlsx file, or directory/ for several files (required)"
          )
        )
        .option("--sheet <name>", t("hanya lembar ini", "only this sheet"))
        .option(
          "--report <file>",
          t(
            "tulis laporan JSON (semua sel dengan alamatnya)",
            "write a JSON report (every cell with its address)"
          )
        )
        .option("--scale <name>", scaleHelp())
        .option(
          "--overwrite",
          t(
            "timpa sel yang sudah berisi (laporan mencatat isi lamanya)",
            "overwrite non-empty cells (the report lists the old content)"
          )
        )
        .option(
          "--tulis-terkunci",
          t(
            "tulis juga ke lembar yang terkunci (protected); proteksi dan sandinya dipertahankan persis",
            "also write into protected sheets; the protection and its password stay exactly as they were"
          )
        )
        .addOption(
          new Option(
            "--arah <mode>",
            t(
              "arah indikator: auto (tebak dari kata) atau explicit (hanya kolom arah)",
              "indicator direction: auto (guess from wording) or explicit (direction column only)"
            )
          ).choices(["auto", "explicit"])
        )
        .addOption(batasOption())
        .addOption(triwulanOption())
        .option(
          "--lembar-evaluasi",
          t(
            "tambahkan lembar 'Evaluasi - <lembar>' (indikator, capaian, predikat, rekap, uraian, grafik) yang merujuk lembar sumber",
            "add an 'Evaluasi - <sheet>' sheet (indicators, achievement, rating, summary, narrative, chart) referencing the source sheet"
          )
        )
        .option(
          "--ttd-tempat <teks>",
          t(
            "blok tanda tangan lembar evaluasi: tempat, mis. 'Sukabumi'",
            "evaluation sheet signature block: place, e.g. 'Sukabumi'"
          )
        )
        .option(
          "--ttd-tanggal <teks>",
          t(
            "tanggal seperti dicetak, mis. '31 Desember 2026'",
            "date as printed, e.g. '31 Desember 2026'"
          )
        )
        .option(
          "--ttd-jabatan <teks>",
          t("jabatan penanda tangan, mis. 'Kepala Dinas'", "signer's position, e.g. 'Kepala Dinas'")
        )
        .option(
          "--ttd-nama <teks>",
          t("nama penanda tangan (tebal, bergaris bawah)", "signer's name (bold, underlined)")
        )
        .option(
          "--ttd-nip <teks>",
          t(
            "NIP penanda tangan (dicetak 'NIP. …'); kolom --ttd-* yang kosong tidak dicetak",
            "signer's NIP (printed 'NIP. …'); --ttd-* fields left out are not printed"
          )
        )
    )
      .addHelpText("after", BATCH_HELP())
      .addHelpText("after", EXIT_HELP())
  ).action(async (inputs: string[], opts: EvaluateCliOptions) => {
    process.exitCode = await commands().cmdEvaluate(inputs, opts);
  });

  common(
    batchOptions(
      program
        .command("audit")
        .description(
          t(
            "Periksa ulang angka tercetak (capaian, predikat, jumlah) tanpa menulis berkas apa pun selain laporan.",
            "Recompute printed figures (achievement, rating, totals) without writing anything except the report."
          )
        )
        .argument(inputArgument(), INPUT_HELP())
        .option("--report <file>", t("tulis laporan JSON", "write a JSON report"))
        .option("--sheet <name>", t("hanya lembar ini", "only this sheet"))
        .option("--scale <name>", scaleHelp())
        .addOption(
          new Option("--arah <mode>", t("arah indikator", "indicator direction")).choices([
            "auto",
            "explicit",
          ])
        )
        .addOption(batasOption())
        .addOption(triwulanOption())
    )
      .addHelpText("after", BATCH_HELP())
      .addHelpText("after", EXIT_HELP())
  ).action(async (inputs: string[], opts: BatchCliOptions) => {
    process.exitCode = await commands().cmdAudit(inputs, opts);
  });

  common(
    limitOptions(
      program
        .command("portable")
        .description(
          t(
            "Ganti rumus MONEV.* (add-in) dengan rumus Excel bawaan beserta nilainya, agar berkas jalan tanpa add-in. " +
              "Argumen arah/skala yang merujuk sel dibaca sekali dan menjadi tetap.",
            "Replace MONEV.* (add-in) formulas with native Excel formulas and their values, so the file works without the add-in. " +
              "Direction/scale arguments that refer to cells are read once and become fixed."
          )
        )
        .argument(t("<masukan>", "<input>"), t("berkas .xlsx masukan", "input .xlsx file"))
        .requiredOption("-o, --output <file>", t("berkas keluaran .xlsx", "output .xlsx file"))
        .option("--report <file>", t("tulis laporan JSON", "write a JSON report"))
    ).addHelpText("after", EXIT_HELP())
  ).action(
    async (
      input: string,
      opts: CommonOptions & BatchCliOptions & { output: string; report?: string }
    ) => {
      const c = commands();
      c.checkFileLimits(input, opts);
      process.exitCode = await c.cmdPortable(input, opts);
    }
  );

  common(
    program
      .command("demo")
      .description(
        t(
          "Jalankan evaluate pada contoh samples/*-kosong.xlsx dan audit pada samples/*.xlsx; hasil di out/demo/.",
          "Run evaluate on samples/*-kosong.xlsx and audit on samples/*.xlsx; results in out/demo/."
        )
      )
      .option("-o, --output <dir>", t("folder hasil", "results directory"), "out/demo")
      .addHelpText("after", EXIT_HELP())
  ).action(async (opts: CommonOptions & { output?: string }) => {
    process.exitCode = await commands().cmdDemo(opts);
  });

  return program;
}

export async function main(argv: string[] = process.argv): Promise<number> {
  setLang(detectLang(argv, process.env));
  // `monev audit x.xlsx | head`: the reader went away; stop quietly instead of a stack trace.
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(0);
    throw e;
  });
  const program = buildProgram();
  try {
    if (argv.length <= 2) {
      program.outputHelp();
      return EXIT_USAGE;
    }
    await program.parseAsync(argv);
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (
        e.code === "commander.helpDisplayed" ||
        e.code === "commander.help" ||
        e.code === "commander.version"
      )
        return 0;
      return EXIT_USAGE;
    }
    const ce = toCliError(e);
    process.stderr.write(`monev: ${ce.message}\n`);
    return ce.exitCode;
  }
}

if (require.main === module) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`monev: ${e instanceof Error ? e.stack : String(e)}\n`);
      process.exitCode = 1;
    }
  );
}

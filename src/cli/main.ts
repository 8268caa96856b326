/**
 * monev CLI entry (`npm run monev -- <command>`, `bin/monev.js`).
 *
 * Exit codes: 0 ok (audit also exits 0 when it reports findings), 1 usage error,
 * 2 bad input (missing, not .xlsx, corrupt, encrypted, no recognisable table), 3 output problem.
 */
import { Command, CommanderError, Option } from "commander";
import { cmdAudit, cmdDemo, cmdEvaluate, cmdPortable } from "./commands";
import { EXIT_USAGE, toCliError } from "./exit";
import { detectLang, setLang, t } from "./i18n";

/** Indonesian wording of commander's own error messages. */
function translateCommander(s: string): string {
  if (detectLang(process.argv, process.env) === "en") return s;
  return s
    .replace(/^error: missing required argument '(.+)'/m, "galat: argumen wajib '$1' tidak diberikan")
    .replace(/^error: required option '(.+)' not specified/m, "galat: opsi wajib '$1' tidak diberikan")
    .replace(/^error: option '(.+)' argument missing/m, "galat: opsi '$1' perlu nilai")
    .replace(/^error: unknown option '(.+)'/m, "galat: opsi tidak dikenal '$1'")
    .replace(/^error: unknown command '(.+)'/m, "galat: perintah tidak dikenal '$1'")
    .replace(/^error: too many arguments.*/m, "galat: terlalu banyak argumen")
    .replace(/^error: option '(.+)' argument '(.+)' is invalid\. Allowed choices are (.+)\./m, "galat: nilai '$2' untuk opsi '$1' tidak sah; pilihan: $3")
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
  3  keluaran bermasalah (tidak dapat menulis berkas hasil atau laporan)
Bahasa: pesan berbahasa Indonesia; --lang en atau LANG=en* untuk bahasa Inggris.`,
    `
Exit codes:
  0  ok (audit also exits 0 when it reports findings: findings are a result, not a failure)
  1  usage error (unknown command/option, missing argument)
  2  bad input (file missing, not .xlsx, corrupt, encrypted/password-protected,
     no recognisable evaluation table, unknown sheet)
  3  output problem (cannot write the output file or report)
Language: Indonesian messages; --lang en or LANG=en* for English.`,
  );

function common(cmd: Command): Command {
  return cmd
    .addOption(new Option("--lang <lang>", t("bahasa pesan", "message language")).choices(["id", "en"]))
    .option("--progress", t("tampilkan kemajuan di stderr walau bukan terminal", "show progress on stderr even when not a terminal"));
}

export function buildProgram(): Command {
  const program = new Command();
  program
    .name("monev")
    .description(
      t(
        "Monev: evaluasi kinerja (SAKIP/LKjIP/RKPD) pada lembar kerja Excel: capaian, predikat, audit angka.",
        "Monev: performance evaluation (SAKIP/LKjIP/RKPD) of Excel worksheets: achievement, rating, audit.",
      ),
    )
    .option("--lang <lang>", t("bahasa pesan (id|en)", "message language (id|en)"))
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(translateCommander(s)) })
    .showHelpAfterError(t("(pakai --help untuk bantuan)", "(use --help for help)"))
    .addHelpText("after", EXIT_HELP());

  common(
    program
      .command("evaluate")
      .description(
        t(
          "Isi rumus capaian/predikat pada setiap tabel evaluasi dan tulis berkas BARU (masukan tidak diubah).",
          "Fill in achievement/rating formulas in every evaluation table and write a NEW file (input untouched).",
        ),
      )
      .argument("<input...>", t("berkas .xlsx masukan", "input .xlsx files"))
      .requiredOption("-o, --output <path>", t("berkas keluaran .xlsx, atau folder/ untuk beberapa berkas", "output .xlsx file, or directory/ for several files"))
      .option("--sheet <name>", t("hanya lembar ini", "only this sheet"))
      .option("--report <file>", t("tulis laporan JSON (semua sel dengan alamatnya)", "write a JSON report (every cell with its address)"))
      .option("--scale <name>", t("skala predikat (permendagri86, baik, berhasil, sakip)", "rating scale (permendagri86, baik, berhasil, sakip)"))
      .option("--overwrite", t("timpa sel yang sudah berisi (laporan mencatat isi lamanya)", "overwrite non-empty cells (the report lists the old content)"))
      .addOption(new Option("--arah <mode>", t("arah indikator: auto (tebak dari kata) atau explicit (hanya kolom arah)", "indicator direction: auto (guess from wording) or explicit (direction column only)")).choices(["auto", "explicit"]))
      .option(
        "--lembar-evaluasi",
        t(
          "tambahkan lembar 'Evaluasi - <lembar>' (indikator, capaian, predikat, rekap, uraian) yang merujuk lembar sumber",
          "add an 'Evaluasi - <sheet>' sheet (indicators, achievement, rating, summary, narrative) referencing the source sheet",
        ),
      )
      .addHelpText("after", EXIT_HELP()),
  ).action(async (inputs: string[], opts) => {
    process.exitCode = await cmdEvaluate(inputs, opts);
  });

  common(
    program
      .command("audit")
      .description(
        t(
          "Periksa ulang angka tercetak (capaian, predikat, jumlah) tanpa menulis berkas apa pun selain laporan.",
          "Recompute printed figures (achievement, rating, totals) without writing anything except the report.",
        ),
      )
      .argument("<input...>", t("berkas .xlsx masukan", "input .xlsx files"))
      .option("--report <file>", t("tulis laporan JSON", "write a JSON report"))
      .option("--sheet <name>", t("hanya lembar ini", "only this sheet"))
      .option("--scale <name>", t("skala predikat", "rating scale"))
      .addOption(new Option("--arah <mode>", t("arah indikator", "indicator direction")).choices(["auto", "explicit"]))
      .addHelpText("after", EXIT_HELP()),
  ).action(async (inputs: string[], opts) => {
    process.exitCode = await cmdAudit(inputs, opts);
  });

  common(
    program
      .command("portable")
      .description(
        t(
          "Ganti rumus MONEV.* (add-in) dengan rumus Excel bawaan beserta nilainya, agar berkas jalan tanpa add-in. " +
            "Argumen arah/skala yang merujuk sel dibaca sekali dan menjadi tetap.",
          "Replace MONEV.* (add-in) formulas with native Excel formulas and their values, so the file works without the add-in. " +
            "Direction/scale arguments that refer to cells are read once and become fixed.",
        ),
      )
      .argument("<input>", t("berkas .xlsx masukan", "input .xlsx file"))
      .requiredOption("-o, --output <file>", t("berkas keluaran .xlsx", "output .xlsx file"))
      .option("--report <file>", t("tulis laporan JSON", "write a JSON report"))
      .addHelpText("after", EXIT_HELP()),
  ).action(async (input: string, opts) => {
    process.exitCode = await cmdPortable(input, opts);
  });

  common(
    program
      .command("demo")
      .description(
        t(
          "Jalankan evaluate pada contoh samples/*-kosong.xlsx dan audit pada samples/*.xlsx; hasil di out/demo/.",
          "Run evaluate on samples/*-kosong.xlsx and audit on samples/*.xlsx; results in out/demo/.",
        ),
      )
      .option("-o, --output <dir>", t("folder hasil", "results directory"), "out/demo")
      .addHelpText("after", EXIT_HELP()),
  ).action(async (opts) => {
    process.exitCode = await cmdDemo(opts);
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
      if (e.code === "commander.helpDisplayed" || e.code === "commander.help" || e.code === "commander.version") return 0;
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
    },
  );
}

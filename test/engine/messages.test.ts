/**
 * Engine messages as data (issue 9, item 9): every code of the catalogue has an Indonesian and an
 * English template, every code the engine emits is in the catalogue, and what it emits renders
 * with every placeholder filled, in both languages, with numbers in each language's convention.
 */
import * as fs from "fs";
import * as path from "path";
import { e81Grid, rkpdGrid, seedGrids } from "../../scripts/samples/seed-to-grid";
import { analyseSheet, narrativeParagraphs } from "../../src/core/engine";
import {
  CATALOGUE,
  formatNumber,
  isOmission,
  msg,
  OMISSION_CODES,
  placeholders,
  renderFinding,
  renderMessage,
  type Message,
} from "../../src/core/engine/messages";
import type { SheetAnalysis, SheetGrid } from "../../src/core/engine/types";
import { grid } from "./helpers";

const UNFILLED = /\{[A-Za-z][\w]*(?::[^}]+)?\}/;
/** Engine words an English text must not carry (sheet data such as labels aside). */
const INDONESIAN =
  /tidak ditemukan|seharusnya|ditemukan .* di baris|tercetak|hasil hitung|tidak diisi|tidak dihitung|Lembar '|Kolom |Baris |dievaluasi|sebanyak|Draf /;

/** Placeholders one language may use without the other: the Indonesian finding names the rule's
 * formula in words (its description), the English one names the rule (and the scale). */
const ONE_LANGUAGE_ONLY = new Set(["description", "rule", "scale"]);

describe("catalogue", () => {
  const codes = Object.keys(CATALOGUE);

  test.each(codes)("%s has both templates with the same placeholders", (code) => {
    const t = CATALOGUE[code];
    expect(t.id.trim()).not.toBe("");
    expect(t.en.trim()).not.toBe("");
    const id = new Set(placeholders(t.id));
    const en = new Set(placeholders(t.en));
    const onlyOne = [...id, ...en].filter((p) => !(id.has(p) && en.has(p)));
    expect(onlyOne.filter((p) => !ONE_LANGUAGE_ONLY.has(p))).toEqual([]);
  });

  test.each(codes)("%s renders with all placeholders filled", (code) => {
    const names = new Set([
      ...placeholders(CATALOGUE[code].id),
      ...placeholders(CATALOGUE[code].en),
    ]);
    const params: Record<string, string | number> = {};
    for (const n of names) params[n] = n === "decimals" ? 2 : 1234.5;
    for (const lang of ["id", "en"] as const) {
      const text = renderMessage(msg(code, params), lang);
      expect(text).not.toMatch(UNFILLED);
      expect(text).not.toMatch(/undefined|NaN/);
    }
  });

  test("the omission codes are the messages that say something was left uncomputed", () => {
    // Wording that says a column, a cell or a table was not computed or not written.
    const SAYS_LEFT_EMPTY =
      /tidak diisi|tidak dihitung|tidak ada yang dihitung|tidak ditulis|tidak ada sel yang ditulis|tidak dipakai|diisi oleh pengguna/;
    const expected = codes.filter(
      (c) => /^(analysis|note|plan)\./.test(c) && SAYS_LEFT_EMPTY.test(CATALOGUE[c].id)
    );
    expect([...OMISSION_CODES].sort()).toEqual(expected.sort());
    expect(isOmission(msg("note.merged", { address: "E5" }))).toBe(true);
    expect(isOmission(msg("analysis.table-found"))).toBe(false);
    expect(isOmission(msg("plan.conflicts", { count: 2 }))).toBe(false);
  });

  test("a missing parameter stays visible, an unknown code renders as data", () => {
    expect(renderMessage(msg("analysis.no-table"), "en")).toBe(
      "Sheet '{sheet}': no evaluation table found."
    );
    expect(renderMessage(msg("no.such-code", { a: 1 }), "id")).toBe('no.such-code {"a":1}');
  });

  test("every code the engine's sources name is in the catalogue, and every entry is used", () => {
    const root = path.join(__dirname, "../../src/core/engine");
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith(".ts") && e.name !== "messages.ts") files.push(p);
      }
    };
    walk(root);
    const source = files.map((f) => fs.readFileSync(f, "utf8")).join("\n");
    const named = new Set(
      [...source.matchAll(/"((?:analysis|draft|plan|note|finding|narrative)\.[a-z0-9-]+)"/g)].map(
        (m) => m[1]
      )
    );
    expect(named.size).toBeGreaterThan(40);
    for (const code of named) expect(CATALOGUE[code]).toBeDefined();
    // Codes built from parts: the error-cell findings and the unit words.
    const built = [
      ...["cell", "run"].flatMap((k) => [`finding.error-${k}`, `finding.error-${k}-formula`]),
      ...Object.keys(CATALOGUE).filter((c) => c.startsWith("word.")),
    ];
    for (const code of Object.keys(CATALOGUE))
      expect({ code, used: named.has(code) || built.includes(code) }).toEqual({ code, used: true });
  });
});

describe("numbers in each language's convention", () => {
  test("grouping and decimal marks", () => {
    expect(formatNumber(1234.5, "id")).toBe("1.234,5");
    expect(formatNumber(1234.5, "en")).toBe("1,234.5");
    expect(formatNumber(-1234567.891, "id", 2)).toBe("-1.234.567,89");
    expect(formatNumber(-1234567.891, "en", 2)).toBe("-1,234,567.89");
    expect(formatNumber(12345, "en", undefined, false)).toBe("12345");
    // Half up, as the audit compares prints (0.125 is 0.12499… in binary).
    expect(formatNumber(0.125, "id", 2)).toBe("0,13");
    expect(formatNumber(999, "en", 2)).toBe("999.00");
    expect(formatNumber(-123456, "id", 0)).toBe("-123.456");
    // Beyond toFixed's range the exponent form is kept as it is, never grouped.
    expect(formatNumber(1e21, "en", 2)).toMatch(/^[\d.]+e\+21$/);
  });

  test("a finding keeps its printed rounding and names its rule in English", () => {
    const f = {
      code: "finding.value",
      params: {
        address: "F9",
        printed: 344000141,
        expected: 191383671.4,
        decimals: 0,
        description: "jumlah anak",
        rule: "jumlah",
      },
    };
    expect(renderMessage(f, "id")).toBe(
      "F9: tercetak 344.000.141, hasil hitung 191.383.671 (jumlah anak)."
    );
    expect(renderMessage(f, "en")).toBe(
      "F9: printed 344,000,141, recomputed 191,383,671 (rule jumlah)."
    );
    expect(
      renderMessage({ ...f, params: { ...f.params, printed: 2, expected: 72, decimals: 2 } }, "en")
    ).toBe("F9: printed 2.00, recomputed 72.00 (rule jumlah).");
  });

  test("a parameter the engine knows in English ('name.en') replaces it in English only", () => {
    const m = msg("analysis.table-found", {
      sheet: "S",
      shape: "tabel indikator kinerja",
      "shape.en": "performance indicator table",
      top: 1,
      bottom: 1200,
    });
    expect(renderMessage(m, "id")).toBe(
      "Lembar 'S': ditemukan tabel indikator kinerja di baris 1-1200."
    );
    expect(renderMessage(m, "en")).toBe(
      "Sheet 'S': performance indicator table recognised in rows 1-1200."
    );
  });
});

/** Every message, note, cell note and finding of an analysis. */
function allMessages(a: SheetAnalysis): Message[] {
  const notes = a.plan.writes.flatMap((w) => (w.note ? [w.note] : []));
  return [...a.messages, ...a.plan.notes, ...notes];
}

describe("what the engine emits", () => {
  const sheets: [string, () => SheetGrid][] = [
    ...seedGrids().flatMap((s): [string, () => SheetGrid][] => [
      [`${s.id} printed`, () => s.printed],
      [`${s.id} emptied`, () => s.emptied],
    ]),
    ["renja-e81", e81Grid],
    ["rkpd with wrong prints", () => rkpdGrid(40, { wrongEvery: 7 })],
    ["no table", () => grid([["catatan saja"]])],
    [
      "text inputs and a merged cell",
      () => {
        const g = grid([
          ["No", "Indikator", "Satuan", "Target", "Realisasi", "Capaian (%)"],
          [1, "Persentase A", "%", "80", "1.020", null],
          [2, "Angka kemiskinan", "%", 10, 8, null],
          [3, "Persentase C", "%", 50, "40", null],
        ]);
        g.merges.push({ top: 3, left: 5, bottom: 3, right: 6 });
        return g;
      },
    ],
    [
      "error cells and an added constant, protected",
      () => {
        const g = grid([
          ["No", "Indikator", "Satuan", "Target", "Realisasi", "Capaian (%)"],
          [1, "Persentase A", "%", 80, 70, null],
          [2, "Persentase B", "%", 0, 8, null],
          [3, "Persentase C", "%", 0, 40, null],
        ]);
        g.cells[1][5] = { value: 88.5, formula: "E2/D2*100+1" };
        g.cells[2][5] = { value: "#DIV/0!", formula: "E3/D3*100" };
        g.cells[3][5] = { value: "#DIV/0!", formula: "E4/D4*100" };
        g.protected = true;
        return g;
      },
    ],
  ];

  test.each(sheets)("%s: every text is filled, English has no Indonesian", (_name, make) => {
    const a = analyseSheet(make(), { overwrite: false });
    const all = allMessages(a);
    expect(all.length + a.findings.length).toBeGreaterThan(0);
    for (const m of all) {
      expect(CATALOGUE[m.code]).toBeDefined();
      const id = renderMessage(m, "id");
      const en = renderMessage(m, "en");
      expect(id).not.toMatch(UNFILLED);
      expect(en).not.toMatch(UNFILLED);
      expect(en).not.toMatch(INDONESIAN);
    }
    for (const f of a.findings) {
      expect(CATALOGUE[f.code]).toBeDefined();
      // The stored Indonesian text is the catalogue's rendering.
      expect(f.message).toBe(renderFinding(f, "id"));
      const en = renderFinding(f, "en");
      expect(en).not.toMatch(UNFILLED);
      expect(en).not.toMatch(INDONESIAN);
      expect(en.startsWith(`${f.address}`)).toBe(true);
    }
    for (const lang of ["id", "en"] as const) {
      const paragraphs = narrativeParagraphs(a, lang);
      expect(paragraphs.join(" ")).not.toMatch(UNFILLED);
      if (lang === "en") expect(paragraphs.join(" ")).not.toMatch(INDONESIAN);
    }
  });

  test("formula findings carry their codes, in both languages", () => {
    const [, make] = sheets[sheets.length - 1];
    const a = analyseSheet(make());
    const codes = a.findings.map((f) => [f.code, ...(f.also ?? []).map((m) => m.code)]).flat();
    expect(codes).toEqual(
      expect.arrayContaining(["finding.constant-added", "finding.error-run-formula"])
    );
    const run = a.findings.find((f) => f.code === "finding.error-run-formula")!;
    expect(run.message).toBe("F3:F4 (2 sel): berisi galat #DIV/0! (rumus =E3/D3*100, dst.).");
    expect(renderFinding(run, "en")).toBe(
      "F3:F4 (2 cells): hold the error #DIV/0! (formula =E3/D3*100, and so on)."
    );
    expect(renderMessage(a.messages[0], "en")).toMatch(
      /^Sheet 'S' is protected: no cell is written/
    );
  });

  test("the English narrative and drafts of a sample", () => {
    const a = analyseSheet(e81Grid());
    expect(narrativeParagraphs(a, "en")[0]).toMatch(
      /^Of \d+ indicators evaluated \(2 on programme rows, .*\), the average achievement is \d+\.\d\d%\./
    );
    expect(narrativeParagraphs(a)[0]).toMatch(/^Dari \d+ indikator yang dievaluasi/);
    const drafts = a.messages.filter((m) => m.code.startsWith("draft."));
    expect(drafts.length).toBeGreaterThan(0);
    for (const d of drafts) expect(renderMessage(d, "en")).toMatch(/^Draft /);
  });
});

import { MonevError } from "../../src/core/errors";
import { INVERSE_HINTS, parseArah, suggestArah } from "../../src/core/arah";

describe("parseArah", () => {
  it.each([null, undefined, "", "  ", "normal", "NORMAL", "Positif", "naik", "+", "1", 1])(
    "%p -> normal",
    (v) => expect(parseArah(v)).toBe("normal")
  );
  it.each(["inverse", "Inverse", "invers", "NEGATIF", "turun", "-", "-1", -1, "\u22121"])(
    "%p -> inverse",
    (v) => expect(parseArah(v)).toBe("inverse")
  );
  it.each(["rasio", "Rasio", "inverse-rasio", "T/R", "t/r"])("%p -> inverse-rasio", (v) =>
    expect(parseArah(v)).toBe("inverse-rasio")
  );
  it.each(["selisih", "SELISIH", "inverse-selisih"])("%p -> inverse-selisih", (v) =>
    expect(parseArah(v)).toBe("inverse-selisih")
  );
  it("rejects unknown words with the word in the message", () => {
    const r = parseArah("naik turun") as MonevError;
    expect(r).toBeInstanceOf(MonevError);
    expect(r.code).toBe("VALUE");
    expect(r.message).toContain("arah tidak dikenal: 'naik turun'");
  });
  it.each([true, false, 0, 2, new Date(0), "x"])("rejects %p", (v) => {
    expect(parseArah(v)).toBeInstanceOf(MonevError);
  });
});

describe("suggestArah", () => {
  it.each([
    "Tingkat Pengangguran Terbuka",
    "Persentase penduduk miskin",
    "Angka kemiskinan",
    "Perselisihan Buruh dan Pengusaha",
    "Jumlah kecelakaan kerja",
    "Jumlah kasus DBD",
    "Angka Kematian Ibu",
    "Rata-rata waktu tunggu lulusan",
    "Prevalensi stunting",
    "Angka Sengketa Pengusaha-Pekerja pertahun",
  ])("suggests inverse for %p", (t) => expect(suggestArah(t)).toBe("inverse"));
  it.each([
    "Persentase Perselisihan yang diselesaikan dengan PB",
    "Penurunan angka kemiskinan",
    "Persentase kasus yang ditangani",
    "Persentase Pekerja/Pengusaha yang memahami perselisihan PHI/PHK",
    "Indeks Kepuasan Masyarakat",
    "",
  ])("no suggestion for %p", (t) => expect(suggestArah(t)).toBeNull());
  it("exports regexps", () => {
    expect(INVERSE_HINTS.length).toBeGreaterThan(5);
    expect(INVERSE_HINTS.every((r) => r instanceof RegExp)).toBe(true);
  });
});

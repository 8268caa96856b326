import { MonevError } from "../../src/core/errors";
import { terbilang } from "../../src/core/terbilang";

const err = (x: unknown) => x as MonevError;

describe("terbilang", () => {
  it.each([
    [0, "nol"],
    [1, "satu"],
    [10, "sepuluh"],
    [11, "sebelas"],
    [12, "dua belas"],
    [19, "sembilan belas"],
    [20, "dua puluh"],
    [21, "dua puluh satu"],
    [100, "seratus"],
    [111, "seratus sebelas"],
    [200, "dua ratus"],
    [999, "sembilan ratus sembilan puluh sembilan"],
    [1000, "seribu"],
    [1001, "seribu satu"],
    [1100, "seribu seratus"],
    [2000, "dua ribu"],
    [11000, "sebelas ribu"],
    [100000, "seratus ribu"],
    [101000, "seratus satu ribu"],
    [1000000, "satu juta"],
    [1001000, "satu juta seribu"],
    [1000000000, "satu miliar"],
    [1000000000000, "satu triliun"],
    [
      11031976960,
      "sebelas miliar tiga puluh satu juta sembilan ratus tujuh puluh enam ribu sembilan ratus enam puluh",
    ],
    ["1.000.000", "satu juta"],
    [
      "11.031.976.960",
      "sebelas miliar tiga puluh satu juta sembilan ratus tujuh puluh enam ribu sembilan ratus enam puluh",
    ],
    [-5, "minus lima"],
    ["-1.000.000", "minus satu juta"],
    ["12,5", "dua belas koma lima"],
    [0.25, "nol koma dua lima"],
    [-0.5, "minus nol koma lima"],
    [3.05, "tiga koma nol lima"],
    [0.1 + 0.2, "nol koma tiga"],
    [-0, "nol"],
    [
      999999999999999,
      "sembilan ratus sembilan puluh sembilan triliun sembilan ratus sembilan puluh sembilan miliar sembilan ratus sembilan puluh sembilan juta sembilan ratus sembilan puluh sembilan ribu sembilan ratus sembilan puluh sembilan",
    ],
  ])("%p -> %p", (n, words) => expect(terbilang(n)).toBe(words));

  it("never writes milyar", () => expect(terbilang(2e9)).toBe("dua miliar"));

  describe("rupiah", () => {
    it.each([
      [11000, "sebelas ribu rupiah"],
      [0, "nol rupiah"],
      [1, "satu rupiah"],
      [11000.25, "sebelas ribu rupiah dua puluh lima sen"],
      [0.5, "nol rupiah lima puluh sen"],
      [1.999, "dua rupiah"],
      [1.006, "satu rupiah satu sen"],
      [-1500, "minus seribu lima ratus rupiah"],
      [
        "Rp. 7.200.837.838,-",
        "tujuh miliar dua ratus juta delapan ratus tiga puluh tujuh ribu delapan ratus tiga puluh delapan rupiah",
      ],
    ])("%p -> %p", (n, words) => expect(terbilang(n, { rupiah: true })).toBe(words));
  });

  it("letter case", () => {
    expect(terbilang(11000, { rupiah: true, huruf: "judul" })).toBe("Sebelas Ribu Rupiah");
    expect(terbilang(1250, { huruf: "besar" })).toBe("SERIBU DUA RATUS LIMA PULUH");
    expect(terbilang(1250, { huruf: "kecil" })).toBe("seribu dua ratus lima puluh");
    expect(terbilang(0, { rupiah: true, huruf: "besar" })).toBe("NOL RUPIAH");
  });

  it("ambiguous text is refused", () =>
    expect(err(terbilang("-1.000")).message).toContain("angka ambigu"));

  it("errors", () => {
    expect(err(terbilang(1e15)).code).toBe("NUM");
    expect(err(terbilang(-1e15)).code).toBe("NUM");
    expect(err(terbilang(null)).code).toBe("NA");
    expect(err(terbilang("abc")).code).toBe("VALUE");
    expect(err(terbilang(true)).code).toBe("VALUE");
    expect(err(terbilang(NaN)).code).toBe("NUM");
  });
});

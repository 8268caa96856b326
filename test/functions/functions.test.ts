/* eslint-disable @typescript-eslint/no-explicit-any */
import { FakeError, installFakeCustomFunctions, uninstallFakeCustomFunctions } from "./fake-cf";
import {
  angka,
  bobot,
  capaian,
  efisiensi,
  kemajuan,
  predikat,
  rata,
  serapan,
  terbilang,
} from "../../src/functions/functions";
import { broadcast, shapeOf } from "../../src/functions/broadcast";
import { MonevError } from "../../src/core/errors";
import { toExcelError } from "../../src/functions/errors";

// The public signatures are `any[][]` (what the metadata needs); JS callers may pass scalars.
const S = (x: unknown): any => x;
const N = null as any;

beforeAll(() => {
  installFakeCustomFunctions();
});
afterAll(() => {
  uninstallFakeCustomFunctions();
});

function err(x: unknown): FakeError {
  expect(x).toBeInstanceOf(FakeError);
  return x as FakeError;
}

describe("errors mapping", () => {
  test("MonevError codes map to Excel codes; messages only for #VALUE! and #N/A", () => {
    const v = err(toExcelError(new MonevError("VALUE", "bukan angka: 'x'")));
    expect(v.code).toBe("#VALUE!");
    expect(v.message).toBe("bukan angka: 'x'");
    const na = err(toExcelError(new MonevError("NA", "target kosong")));
    expect(na.code).toBe("#N/A");
    expect(na.message).toBe("target kosong");
    const d = err(toExcelError(new MonevError("DIV0", "bagi nol")));
    expect(d.code).toBe("#DIV/0!");
    expect(d.message).toBeUndefined();
    const n = err(toExcelError(new MonevError("NUM", "tak hingga")));
    expect(n.code).toBe("#NUM!");
    expect(n.message).toBeUndefined();
  });

  test("long messages are shortened", () => {
    const v = err(toExcelError(new MonevError("VALUE", "x".repeat(500))));
    expect(v.message!.length).toBeLessThanOrEqual(200);
  });
});

describe("broadcast", () => {
  const add = (xs: unknown[]) => (xs as number[]).reduce((a, b) => a + b, 0);

  test("scalars give a scalar", () => {
    expect(broadcast([1, 2], add)).toBe(3);
  });

  test("1x1 broadcasts, row and column broadcast to a rectangle", () => {
    expect(broadcast([[[1]], 2], add)).toEqual([[3]]);
    expect(broadcast([[[1], [2], [3]], [[10, 20]]], add)).toEqual([
      [11, 21],
      [12, 22],
      [13, 23],
    ]);
    expect(broadcast([[[1, 2, 3]], 100], add)).toEqual([[101, 102, 103]]);
  });

  test("mismatched lengths give #N/A in the missing cells only", () => {
    const out = broadcast(
      [
        [[1], [2], [3]],
        [[1], [2]],
      ],
      add
    ) as unknown[][];
    expect(out[0][0]).toBe(2);
    expect(out[1][0]).toBe(4);
    expect(err(out[2][0]).code).toBe("#N/A");
  });

  test("input error cells propagate; exceptions become #VALUE!", () => {
    const e = new FakeError("#REF!" as any);
    const out = broadcast([[[1], [e]]], (xs) => xs[0] as number) as unknown[][];
    expect(out[0][0]).toBe(1);
    expect(out[1][0]).toBe(e);
    const boom = broadcast([1], () => {
      throw new Error("boom");
    });
    expect(err(boom).code).toBe("#VALUE!");
  });

  test("non-finite results are #NUM!, null is empty text, booleans are text", () => {
    expect(err(broadcast([1], () => Infinity)).code).toBe("#NUM!");
    expect(broadcast([1], () => null)).toBe("");
    expect(broadcast([1], () => true)).toBe("TRUE");
  });

  test("shapeOf", () => {
    expect(shapeOf(5)).toEqual([1, 1]);
    expect(shapeOf([])).toEqual([1, 1]);
    expect(shapeOf([[1, 2, 3], [4]])).toEqual([2, 3]);
  });
});

describe("CAPAIAN", () => {
  test("scalar, normal direction", () => {
    expect(capaian(S(100), S(80))).toBe(80);
    expect(capaian(S("100"), S("87,5"))).toBe(87.5);
    expect(capaian(S(100), S(80), N, N)).toBe(80);
  });

  test("Excel-style 1x1 arrays return a 1x1 array", () => {
    expect(capaian([[100]], [[80]], [[null]], [[null]])).toEqual([[80]]);
  });

  test("inverse formulas: T=12, R=7,21", () => {
    expect(capaian(S(12), S(7.21), S("inverse")) as any).toBeCloseTo(139.9167, 3);
    expect(capaian(S(12), S("7,21"), S("rasio")) as any).toBeCloseTo(166.4355, 3);
    expect(capaian(S(12), S(7.21), S("selisih")) as any).toBeCloseTo(39.9167, 3);
    expect(capaian(S(12), S(7.21), S("invers")) as any).toBeCloseTo(139.9167, 3);
  });

  test("batas caps the result; TRUE means 100", () => {
    expect(capaian(S(100), S(130), N, S(120))).toBe(120);
    expect(capaian(S(100), S(130), N, S(true))).toBe(100);
    expect(capaian(S(100), S(130), N, S(false))).toBe(130);
    expect(capaian(S(100), S(130), N, S("110"))).toBe(110);
    const e = err(capaian(S(100), S(130), N, S("banyak")));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toContain("batas");
  });

  test("target 0 is #DIV/0!; empty cells are #N/A; unknown arah is #VALUE! with a message", () => {
    expect(err(capaian(S(0), S(5))).code).toBe("#DIV/0!");
    const na = err(capaian(S(null), S(5)));
    expect(na.code).toBe("#N/A");
    expect(na.message).toBe("target kosong");
    const v = err(capaian(S(10), S(5), S("naik turun")));
    expect(v.code).toBe("#VALUE!");
    expect(v.message).toContain("arah tidak dikenal: 'naik turun'");
  });

  test("ranges spill with per-cell errors", () => {
    const out = capaian(
      [[100], [0], ["abc"], [50], [null]],
      [[80], [5], [1], [60], [1]],
      [["normal"], ["normal"], ["normal"], ["inverse"], ["normal"]]
    );
    expect(out.length).toBe(5);
    expect(out[0]).toEqual([80]);
    expect(err(out[1][0]).code).toBe("#DIV/0!");
    expect(err(out[2][0]).code).toBe("#VALUE!");
    expect(out[3][0]).toBeCloseTo(80, 10);
    expect(err(out[4][0]).code).toBe("#N/A");
  });

  test("scalar arah and batas broadcast over a 2-D range", () => {
    const out = capaian(
      [
        [10, 20],
        [40, 50],
      ],
      [
        [10, 30],
        [20, 100],
      ],
      [["normal"]],
      S(150)
    );
    expect(out).toEqual([
      [100, 150],
      [50, 150],
    ]);
  });

  test("a range target text", () => {
    expect(capaian(S("80-90"), S(85))).toBe(100);
  });
});

describe("PREDIKAT", () => {
  test("default Permendagri 86 scale, long and code forms", () => {
    expect(predikat(S(95))).toBe("Sangat Tinggi");
    expect(predikat(S(95), N, S("kode"))).toBe("ST");
    expect(predikat(S(75))).toBe("Sedang");
    expect(predikat(S("90,72"), S("permendagri86-bulat"))).toBe("Tinggi");
  });

  test("scale id, unknown scale and bad bentuk", () => {
    expect(predikat(S(85), S("baik"))).toBe("Baik");
    expect(predikat(S(85), S("SAKIP"), S("kode"))).toBe("A");
    const e = err(predikat(S(85), S("entah")));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toContain("skala tidak dikenal");
    expect(err(predikat(S(85), N, S("pendek"))).code).toBe("#VALUE!");
  });

  test("custom scale table (2 columns, inclusive lower bounds)", () => {
    const table = [
      ["Batas", "Label"],
      [80, "Bagus"],
      [50, "Lumayan"],
      [0, "Kurang"],
    ];
    expect(predikat([[80], [79.99], [50], [-3]], table)).toEqual([
      ["Bagus"],
      ["Lumayan"],
      ["Lumayan"],
      ["Kurang"],
    ]);
    const bad = [
      [80, "A"],
      [80, "B"],
    ];
    const out = predikat([[90], [10]], bad);
    expect(err(out[0][0]).code).toBe("#VALUE!");
    expect(err(out[1][0]).message).toContain("batas bawah ganda");
  });

  test("a column of scale ids broadcasts per row; per-cell errors", () => {
    const out = predikat([[85], [85], ["x"], [null]], [["baik"], ["sakip"], ["baik"], ["baik"]]);
    expect(out[0][0]).toBe("Baik");
    expect(out[1][0]).toBe("A");
    expect(err(out[2][0]).code).toBe("#VALUE!");
    expect(err(out[3][0]).code).toBe("#N/A");
  });

  test("1x1 array skala from Excel", () => {
    expect(predikat([[95]], [["berhasil"]], [["kode"]])).toEqual([["SB"]]);
  });
});

describe("SERAPAN, BOBOT, EFISIENSI, KEMAJUAN", () => {
  test("scalars", () => {
    expect(serapan(S(200), S(150))).toBe(75);
    expect(serapan(S("Rp 1.000.000"), S("Rp 250.000"))).toBe(25);
    expect(bobot(S(25), S(200))).toBe(12.5);
    expect(efisiensi(S(1000), S(900))).toBe(100);
    expect(efisiensi(S(1000), S(1200))).toBe(-200);
    expect(kemajuan(S(100), S(60))).toBe(60);
    expect(kemajuan(S(12), S(7.21), S("inverse")) as any).toBeCloseTo(139.9167, 3);
    expect(kemajuan(S(100), S(60), N)).toBe(60);
  });

  test("errors", () => {
    expect(err(serapan(S(0), S(10))).code).toBe("#DIV/0!");
    expect(err(bobot(S(10), S(0))).code).toBe("#DIV/0!");
    expect(err(efisiensi(S(null), S(10))).code).toBe("#N/A");
    expect(err(kemajuan(S(10), S(10), S("ke atas"))).code).toBe("#VALUE!");
    expect(err(serapan(S("1.234"), S(10))).message).toContain("ambigu");
  });

  test("BOBOT with a range of parts and a single total", () => {
    expect(bobot([[10], [30], [60]], [[100]])).toEqual([[10], [30], [60]]);
    expect(bobot([[10], [30]], [[20], [60]])).toEqual([[50], [50]]);
  });

  test("SERAPAN and EFISIENSI over ranges keep the shape", () => {
    const s = serapan([[100, 200, 0]], [[50, 50, 1]]);
    expect(s[0].slice(0, 2)).toEqual([50, 25]);
    expect(err(s[0][2]).code).toBe("#DIV/0!");
    expect(efisiensi([[100], [200]], [[50], [250]])).toEqual([[50], [-50]]);
  });
});

describe("RATA", () => {
  test("mean of a range, skipping blanks and dashes, parsing text numbers", () => {
    expect(rata([[80], ["90"], [null], ["-"], ["70,5"]])).toBeCloseTo(80.1667, 3);
    expect(rata([[80, 100]], N)).toBe(90);
  });

  test("batas caps each value", () => {
    expect(rata([[80], [140]], S(100))).toBe(90);
    expect(rata([[80], [140]], [[true]])).toBe(90);
    expect(err(rata([[80]], [[1], [2]])).code).toBe("#VALUE!");
  });

  test("nothing to average -> #DIV/0!; ambiguous -> #VALUE!; input error propagates", () => {
    expect(err(rata([[null], ["-"]])).code).toBe("#DIV/0!");
    expect(err(rata([["35,350"], [1]])).code).toBe("#VALUE!");
    const e = new FakeError("#REF!" as any);
    expect(rata([[1], [e]])).toBe(e);
  });

  test("returns a scalar even for a scalar argument", () => {
    expect(rata(S(42))).toBe(42);
  });
});

describe("ANGKA", () => {
  test("Indonesian and English texts", () => {
    expect(angka(S("Rp 11.031.976.960"))).toBe(11031976960);
    expect(angka(S("87,44%"))).toBe(87.44);
    expect(angka(S("5.517 Orang"))).toBe(5517);
    expect(angka(S("8,545,807,100"))).toBe(8545807100);
    expect(angka(S(12.5))).toBe(12.5);
    expect(angka(S(null))).toBe("");
  });

  test("ambiguous and non-numbers are #VALUE! with a message; range keeps shape", () => {
    const out = angka([
      ["1.234", "abc"],
      ["32,86", "-"],
    ]);
    expect(err(out[0][0]).message).toContain("angka ambigu");
    expect(err(out[0][1]).message).toContain("bukan angka");
    expect(out[1]).toEqual([32.86, ""]);
  });
});

describe("TERBILANG", () => {
  test("plain, rupiah and letter case", () => {
    expect(terbilang(S(1500))).toBe("seribu lima ratus");
    expect(terbilang(S(1500), S(true))).toBe("seribu lima ratus rupiah");
    expect(terbilang(S(1500), S(true), S("judul"))).toBe("Seribu Lima Ratus Rupiah");
    expect(terbilang(S(11), N, S("besar"))).toBe("SEBELAS");
    expect(terbilang(S("12,5"), N, N)).toBe("dua belas koma lima");
  });

  test("errors", () => {
    expect(err(terbilang(S(1e15))).code).toBe("#NUM!");
    expect(err(terbilang(S(null))).code).toBe("#N/A");
    expect(err(terbilang(S(5), S("mungkin"))).code).toBe("#VALUE!");
    expect(err(terbilang(S(5), N, S("miring"))).message).toContain("huruf tidak dikenal");
  });

  test("range", () => {
    expect(terbilang([[1], [2]], [[true]])).toEqual([["satu rupiah"], ["dua rupiah"]]);
  });
});

describe("examples in docs/functions.md", () => {
  test("each documented example gives the documented result", () => {
    expect(capaian(S(100), S(87.5))).toBe(87.5);
    expect(predikat(S(87.44))).toBe("Tinggi");
    expect(predikat(S(87.44), S("sakip"), S("kode"))).toBe("A");
    expect(predikat(S(75))).toBe("Sedang");
    expect(predikat(S(90.72))).toBe("Sangat Tinggi");
    expect(predikat(S(90.72), S("permendagri86-bulat"))).toBe("Tinggi");
    expect(predikat(S(39.92))).toBe("Sangat Rendah");
    expect(serapan(S("Rp 1.000.000"), S(250000))).toBe(25);
    expect(efisiensi(S(1000000), S(900000))).toBe(100000);
    expect(kemajuan(S(100), S(60))).toBe(60);
    expect(angka(S("80,17 (A)"))).toBe(80.17);
    expect(terbilang(S(1500), S(true), S("judul"))).toBe("Seribu Lima Ratus Rupiah");
    const r2 = (x: unknown) => Math.round((x as number) * 100) / 100;
    expect(r2(capaian(S(12), S(7.21), S("inverse")))).toBe(139.92);
    expect(r2(capaian(S(12), S(7.21), S("rasio")))).toBe(166.44);
    expect(r2(capaian(S(12), S(7.21), S("selisih")))).toBe(39.92);
    expect(capaian(S(0), S(3), S("inverse"))).toBe(0);
    expect(capaian(S(0), S(0), S("inverse"))).toBe(100);
  });
});

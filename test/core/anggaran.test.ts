import { MonevError } from "../../src/core/errors";
import {
  bobot,
  bobotFormula,
  efisiensi,
  efisiensiFormula,
  kemajuan,
  kemajuanFormula,
  serapan,
  serapanFormula,
} from "../../src/core/anggaran";

const err = (x: unknown) => x as MonevError;

describe("serapan", () => {
  it("realisasi/anggaran*100", () => {
    expect(serapan(200, 150)).toBe(75);
    expect(serapan("Rp 11.031.976.960", "Rp. 7.200.837.838,-")).toBeCloseTo(65.2724, 3);
  });
  it("not capped above 100", () => expect(serapan(100, 120)).toBe(120));
  it("anggaran 0 -> DIV0; empties -> NA; text -> VALUE", () => {
    expect(err(serapan(0, 5)).code).toBe("DIV0");
    expect(err(serapan(null, 5)).message).toBe("anggaran kosong");
    expect(err(serapan(5, "-")).message).toBe("realisasi kosong");
    expect(err(serapan("x", 5)).code).toBe("VALUE");
  });
});

describe("bobot", () => {
  it("bagian/total*100", () => expect(bobot(25, 200)).toBe(12.5));
  it("total 0 -> DIV0; empty -> NA", () => {
    expect(err(bobot(5, 0)).code).toBe("DIV0");
    expect(err(bobot(null, 5)).code).toBe("NA");
    expect(err(bobot(5, "")).message).toBe("total kosong");
  });
});

describe("efisiensi", () => {
  it("anggaran - realisasi, negative when overspent", () => {
    expect(efisiensi("40.416.120,00", "Rp 40.000.000")).toBe(416120);
    expect(efisiensi(100, 120)).toBe(-20);
  });
  it("empty -> NA", () => expect(err(efisiensi(1, null)).code).toBe("NA"));
});

describe("kemajuan", () => {
  it("normal: realisasi / target akhir * 100", () => expect(kemajuan(200, 150)).toBe(75));
  it("inverse uses the capaian formula against the end target", () => {
    expect(kemajuan(10, 8, "inverse")).toBe(120);
    expect(kemajuan(10, 25, "inverse")).toBe(0);
    expect(kemajuan(10, 5, "inverse-rasio")).toBe(200);
  });
  it("errors as capaian", () => {
    expect(err(kemajuan(0, 5)).code).toBe("DIV0");
    expect(err(kemajuan(null, 5)).message).toBe("target kosong");
  });
});

describe("overflow", () => {
  it("non-finite results -> NUM", () => {
    expect(err(serapan(5e-324, 1e308)).code).toBe("NUM");
    expect(err(bobot(1e308, 5e-324)).code).toBe("NUM");
    expect(err(efisiensi(1.7e308, -1.7e308)).code).toBe("NUM");
  });
});

describe("formula builders", () => {
  it("texts", () => {
    expect(serapanFormula("D5", "E5")).toBe(
      'IF(AND(ISNUMBER(D5),ISNUMBER(E5)),IF(D5=0,"",E5/D5*100),"")'
    );
    expect(bobotFormula("D5", "D$20")).toBe(
      'IF(AND(ISNUMBER(D5),ISNUMBER(D$20)),IF(D$20=0,"",D5/D$20*100),"")'
    );
    expect(efisiensiFormula("D5", "E5")).toBe('IF(AND(ISNUMBER(D5),ISNUMBER(E5)),D5-E5,"")');
    expect(kemajuanFormula("D5", "E5")).toBe(
      'IF(AND(ISNUMBER(D5),ISNUMBER(E5)),IF(D5=0,"",E5/D5*100),"")'
    );
    expect(kemajuanFormula("D5", "E5", "inverse")).toContain("MAX(0,(2*D5-E5)/D5*100)");
  });
});

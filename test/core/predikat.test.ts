import { MonevError, isMonevError } from "../../src/core/errors";
import {
  SCALES,
  Scale,
  getScale,
  predikat,
  predikatFormula,
  scaleFromTable,
} from "../../src/core/predikat";

const err = (x: unknown) => x as MonevError;
const sc = (id: string) => getScale(id) as Scale;

describe("permendagri86 (default)", () => {
  it.each([
    [75, "Sedang"],
    ["75,00", "Sedang"],
    [90, "Tinggi"],
    ["90,01", "Sangat Tinggi"],
    [50, "Sangat Rendah"],
    ["50,01", "Rendah"],
    ["90,72", "Sangat Tinggi"],
    [100, "Sangat Tinggi"],
    [100.75, "Sangat Tinggi"],
    [75.61, "Tinggi"],
    [65, "Rendah"],
    [65.01, "Sedang"],
    [0, "Sangat Rendah"],
    [-100, "Sangat Rendah"],
    ["87,44%", "Tinggi"],
  ])("%p -> %p", (x, label) => expect(predikat(x)).toBe(label));
  it("codes", () => {
    expect(predikat(95, undefined, "kode")).toBe("ST");
    expect(predikat(80, SCALES.permendagri86, "kode")).toBe("T");
    expect(predikat(70, undefined, "kode")).toBe("S");
    expect(predikat(60, undefined, "kode")).toBe("R");
    expect(predikat(10, undefined, "kode")).toBe("SR");
  });
  it("null -> NA, text -> VALUE, boolean -> VALUE", () => {
    expect(err(predikat(null)).code).toBe("NA");
    expect(err(predikat("-")).code).toBe("NA");
    expect(err(predikat("baik")).code).toBe("VALUE");
    expect(err(predikat(true)).code).toBe("VALUE");
  });
});

describe("other scales", () => {
  it("permendagri86-bulat", () => {
    const s = sc("permendagri86-bulat");
    expect(predikat("90,4", s)).toBe("Tinggi");
    expect(predikat(91, s)).toBe("Sangat Tinggi");
    expect(predikat("90,72", s)).toBe("Tinggi");
    expect(predikat(76, s, "kode")).toBe("T");
    expect(predikat(75.5, s, "kode")).toBe("S");
    expect(predikat(66, s, "kode")).toBe("S");
    expect(predikat(51, s, "kode")).toBe("R");
    expect(predikat(50.99, s, "kode")).toBe("SR");
  });
  it("baik", () => {
    const s = sc("baik");
    expect(predikat(80, s)).toBe("Baik");
    expect(predikat(79.99, s)).toBe("Cukup Baik");
    expect(predikat(60, s)).toBe("Cukup Baik");
    expect(predikat(59.99, s, "kode")).toBe("TB");
    expect(predikat(100, s, "kode")).toBe("B");
  });
  it("berhasil (Banjarmasin)", () => {
    const s = sc("berhasil");
    expect(predikat(90, s)).toBe("Sangat Berhasil");
    expect(predikat(89.99, s)).toBe("Berhasil");
    expect(predikat(75.5, s)).toBe("Berhasil");
    expect(predikat(75, s)).toBe("Cukup Berhasil");
    expect(predikat(60.5, s)).toBe("Cukup Berhasil");
    expect(predikat(60, s)).toBe("Kurang Berhasil");
    expect(predikat(50.5, s, "kode")).toBe("KB");
    expect(predikat(50, s, "kode")).toBe("TB");
    expect(predikat(-100, s)).toBe("Tidak Berhasil");
    expect(predikat(72.36, s)).toBe("Cukup Berhasil");
    expect(predikat(92.56, s)).toBe("Sangat Berhasil");
  });
  it("sakip", () => {
    const s = sc("sakip");
    expect(predikat("80,17 (A)", s)).toBe("A");
    expect(predikat("78 (BB)", s)).toBe("BB");
    expect(predikat(90, s)).toBe("A");
    expect(predikat(90.01, s)).toBe("AA");
    expect(predikat(70, s)).toBe("B");
    expect(predikat(50, s)).toBe("C");
    expect(predikat(30, s)).toBe("D");
    expect(predikat(30.5, s)).toBe("C");
    expect(predikat(60.5, s)).toBe("B");
    expect(predikat(55, s)).toBe("CC");
  });
  it("every scale is sorted high to low and ends with -Infinity", () => {
    for (const s of Object.values(SCALES)) {
      const mins = s.bands.map((b) => b.min);
      expect([...mins].sort((a, b) => b - a)).toEqual(mins);
      expect(mins[mins.length - 1]).toBe(-Infinity);
      expect(new Set(s.bands.map((b) => b.code)).size).toBe(s.bands.length);
    }
  });
});

describe("getScale", () => {
  it("null/undefined/'' -> default", () => {
    expect(getScale()).toBe(SCALES.permendagri86);
    expect(getScale(null)).toBe(SCALES.permendagri86);
    expect(getScale("")).toBe(SCALES.permendagri86);
  });
  it("case-insensitive ids", () => {
    for (const id of ["permendagri86", "permendagri86-bulat", "baik", "berhasil", "sakip"]) {
      expect((getScale(id.toUpperCase()) as Scale).id).toBe(id);
    }
  });
  it("unknown -> VALUE listing ids", () => {
    const e = err(getScale("foo"));
    expect(e.code).toBe("VALUE");
    expect(e.message).toContain("'foo'");
    expect(e.message).toContain("permendagri86-bulat");
    expect(e.message).toContain("sakip");
  });
});

describe("scaleFromTable", () => {
  it("any order, inclusive bounds, lowest band catches everything below", () => {
    const s = scaleFromTable([
      [60, "Cukup", "C"],
      [85, "Sangat Baik"],
      [70, "Baik", "B"],
      [0, "Kurang", "K"],
    ]) as Scale;
    expect(s.bands.map((b) => b.code)).toEqual(["SB", "B", "C", "K"]);
    expect(predikat(85, s)).toBe("Sangat Baik");
    expect(predikat(84.99, s)).toBe("Baik");
    expect(predikat(60, s, "kode")).toBe("C");
    expect(predikat(-5, s)).toBe("Kurang");
  });
  it("skips a header row and blank rows, accepts text bounds and an empty 'else' bound", () => {
    const s = scaleFromTable([
      ["Batas", "Predikat"],
      [null, null],
      ["80,5", "Tinggi"],
      ["", "Lainnya", "L"],
    ]) as Scale;
    expect(s.bands).toHaveLength(2);
    expect(predikat(80.5, s)).toBe("Tinggi");
    expect(predikat(80.4, s)).toBe("Lainnya");
  });
  it("errors", () => {
    expect(err(scaleFromTable([])).code).toBe("VALUE");
    expect(
      err(
        scaleFromTable([
          [1, "a"],
          [1, "b"],
        ])
      ).message
    ).toContain("ganda");
    expect(err(scaleFromTable([[1, ""]])).message).toContain("kosong");
    expect(
      err(
        scaleFromTable([
          [1, "a"],
          ["x", "b"],
        ])
      ).code
    ).toBe("VALUE");
    expect(
      err(
        scaleFromTable([
          [null, "a"],
          [undefined, "b"],
        ])
      ).code
    ).toBe("VALUE");
    expect(isMonevError(scaleFromTable(null as never))).toBe(true);
  });
});

describe("predikatFormula text", () => {
  it("nested IF from the highest band with > or >=", () => {
    expect(predikatFormula("G5", SCALES.permendagri86, "kode")).toBe(
      'IF(NOT(ISNUMBER(G5)),"",IF(G5>90,"ST",IF(G5>75,"T",IF(G5>65,"S",IF(G5>50,"R","SR")))))'
    );
    expect(predikatFormula("G5", SCALES.baik)).toBe(
      'IF(NOT(ISNUMBER(G5)),"",IF(G5>=80,"Baik",IF(G5>=60,"Cukup Baik","Tidak Baik")))'
    );
  });
  it("escapes quotes", () => {
    const s: Scale = {
      id: "x",
      name: "x",
      bands: [{ min: -Infinity, minInclusive: true, label: 'a"b', code: "A" }],
    };
    expect(predikatFormula("A1", s)).toBe('IF(NOT(ISNUMBER(A1)),"","a""b")');
  });
  it("scale without a catch-all band returns '' below it", () => {
    const s: Scale = {
      id: "x",
      name: "x",
      bands: [{ min: 10, minInclusive: true, label: "ok", code: "O" }],
    };
    expect(predikatFormula("A1", s)).toBe('IF(NOT(ISNUMBER(A1)),"",IF(A1>=10,"ok",""))');
    expect(err(predikat(5, s)).code).toBe("NA");
  });
});

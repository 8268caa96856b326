/** The shape registry: one self-describing module per table shape, tried in order. */
import {
  SHAPES,
  detectShape,
  shapeName,
  shapeOf,
  type ShapeSignals,
} from "../../src/core/engine/shapes";
import type { ColumnInfo, ColumnRole } from "../../src/core/engine/types";

function signals(
  roles: ColumnRole[],
  opts: { title?: string; headers?: string; quarters?: boolean } = {}
): ShapeSignals {
  const columns: ColumnInfo[] = roles.map((role, col) => ({ col, role, header: role }));
  return {
    columns,
    headers: opts.headers ?? roles.join(" "),
    title: opts.title ?? "",
    has: (...r: ColumnRole[]) => roles.some((x) => r.includes(x)),
    quarters: opts.quarters ?? false,
  };
}

describe("shape registry", () => {
  it("registers every known kind once, with Indonesian and English names", () => {
    const kinds = SHAPES.map((s) => s.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
    expect(kinds.sort()).toEqual([
      "fisik-keuangan",
      "indikator",
      "lkjip-efisiensi",
      "lkjip-kemajuan",
      "renja-e81",
      "rkpd",
      "tabel-i15",
    ]);
    for (const s of SHAPES) {
      expect(s.name.id).not.toBe("");
      expect(s.name.en).not.toBe("");
      expect(shapeOf(s.kind)).toBe(s);
    }
    expect(shapeName("unknown")).toBe("tabel tidak dikenal");
    expect(shapeName("rkpd", "en")).toMatch(/RKPD evaluation/);
  });

  it("detects from roles and title, in registry order", () => {
    const q = [
      "no",
      "uraian",
      "indikator",
      "target-k",
      "realisasi-tw-k",
      "realisasi-total-k",
      "capaian-k",
    ] as ColumnRole[];
    expect(detectShape(signals(q, { quarters: true }))).toBe("rkpd");
    expect(
      detectShape(signals(q, { quarters: true, title: "evaluasi hasil terhadap renja pd" }))
    ).toBe("renja-e81");
    expect(detectShape(signals([...q, "target-renstra"], { quarters: true }))).toBe("renja-e81");
    expect(
      detectShape(
        signals(["uraian", "anggaran", "keuangan", "fisik"], {
          headers: "dpa (input) realisasi fisik outcome",
        })
      )
    ).toBe("tabel-i15");
    expect(detectShape(signals(["uraian", "anggaran", "keuangan", "fisik"]))).toBe(
      "fisik-keuangan"
    );
    expect(detectShape(signals(["no", "indikator", "target", "realisasi"]))).toBe("indikator");
    expect(detectShape(signals(["no", "uraian", "keterangan"]))).toBe("unknown");
  });
});

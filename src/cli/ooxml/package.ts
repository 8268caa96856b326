/**
 * The .xlsx/.xlsm zip as a map of parts (OPC package): relationships, content types, text access.
 * Output is written from these original bytes with only the parts the patcher changed replaced,
 * so charts, pivots, macros and anything else we do not understand survive untouched.
 */
import { strFromU8, strToU8 } from "fflate";
import { rezip, unzipParts } from "./zip-raw";
import { attrs, escapeAttr, findElements, NS } from "./xml";

/** Something the patcher cannot keep or cannot do: the file is refused, never silently damaged. */
export class PreserveError extends Error {
  constructor(
    readonly messageId: string,
    readonly messageEn: string
  ) {
    super(messageEn);
  }
}

export interface Relationship {
  id: string;
  type: string;
  /** Target as written. */
  target: string;
  external: boolean;
  /** Part name the target resolves to (no leading '/'), for internal targets. */
  part?: string;
}

/** A relationships part (.rels) with these relationships, in this order. */
export function relsXml(
  rels: { id: string; type: string; target: string; external?: boolean }[]
): string {
  const items = rels
    .map(
      (r) =>
        `<Relationship Id="${r.id}" Type="${escapeAttr(r.type)}" Target="${escapeAttr(r.target)}"${r.external ? ' TargetMode="External"' : ""}/>`
    )
    .join("");
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS.pkgRel}">${items}</Relationships>`;
}

export const REL = {
  officeDocument:
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
  worksheet: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet",
  styles: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles",
  comments: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments",
  vmlDrawing: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing",
  extendedProps:
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties",
};

export const CT = {
  worksheet: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
  comments: "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml",
  vml: "application/vnd.openxmlformats-officedocument.vmlDrawing",
  macroWorkbook: "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
};

/** '/xl/worksheets/../a.xml' -> 'xl/a.xml'. */
export function normalisePart(p: string): string {
  const out: string[] = [];
  for (const seg of p.replace(/\\/g, "/").split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") out.pop();
    else out.push(seg);
  }
  return out.join("/");
}

/** The .rels part of a part: 'xl/workbook.xml' -> 'xl/_rels/workbook.xml.rels'; '' (package) -> '_rels/.rels'. */
export function relsPathOf(part: string): string {
  const i = part.lastIndexOf("/");
  return i < 0 ? `_rels/${part}.rels` : `${part.slice(0, i)}/_rels/${part.slice(i + 1)}.rels`;
}

function dirOf(part: string): string {
  const i = part.lastIndexOf("/");
  return i < 0 ? "" : part.slice(0, i);
}

/** A relative target from `fromPart` to `toPart` ('xl/worksheets/sheet1.xml' -> '../comments1.xml'). */
export function relativeTarget(fromPart: string, toPart: string): string {
  const from = dirOf(fromPart).split("/").filter(Boolean);
  const to = toPart.split("/");
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  return [...from.slice(i).map(() => ".."), ...to.slice(i)].join("/");
}

export class OoxmlPackage {
  /** Part name (as stored in the zip) -> content. */
  readonly files: Record<string, Uint8Array>;
  private readonly byLower = new Map<string, string>();
  private readonly texts = new Map<string, string>();
  readonly changed = new Set<string>();

  /** `original`: the zip read; none for a package built from scratch (see new-workbook.ts). */
  constructor(private readonly original: Uint8Array = new Uint8Array(0)) {
    this.files = original.length ? unzipParts(original) : {};
    for (const k of Object.keys(this.files)) this.byLower.set(k.toLowerCase(), k);
  }

  /** The zip entry name of a part (OPC part names compare case-insensitively). */
  entry(part: string): string | undefined {
    return this.byLower.get(normalisePart(part).toLowerCase());
  }

  has(part: string): boolean {
    return this.entry(part) !== undefined;
  }

  text(part: string): string {
    const e = this.entry(part);
    if (e === undefined)
      throw new PreserveError(
        `Bagian ${part} tidak ada di berkas.`,
        `Part ${part} is missing from the file.`
      );
    let s = this.texts.get(e);
    if (s === undefined) {
      s = strFromU8(this.files[e]);
      this.texts.set(e, s);
    }
    return s;
  }

  setText(part: string, s: string): void {
    const e = this.entry(part) ?? normalisePart(part);
    if (!this.byLower.has(e.toLowerCase())) this.byLower.set(e.toLowerCase(), e);
    this.texts.set(e, s);
    this.files[e] = strToU8(s);
    this.changed.add(e);
  }

  /** Relationships of a part ('' = the package). Missing .rels -> []. */
  rels(part: string): Relationship[] {
    const rp = relsPathOf(part);
    if (!this.has(rp)) return [];
    const xml = this.text(rp);
    const base = dirOf(part);
    return findElements(xml, "Relationship").map((el) => {
      const a = attrs(el.tag);
      const external = a.TargetMode === "External";
      const target = a.Target ?? "";
      const rel: Relationship = { id: a.Id ?? "", type: a.Type ?? "", target, external };
      if (!external)
        rel.part = normalisePart(target.startsWith("/") ? target : `${base}/${target}`);
      return rel;
    });
  }

  /** Add a relationship to a part's .rels (created when missing); returns its new id. */
  addRel(part: string, type: string, toPart: string): string {
    const rp = relsPathOf(part);
    const existing = this.rels(part);
    const ids = new Set(existing.map((r) => r.id));
    let n = existing.length + 1;
    while (ids.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    const target = relativeTarget(part, toPart);
    const el = `<Relationship Id="${id}" Type="${escapeAttr(type)}" Target="${escapeAttr(target)}"/>`;
    if (!this.has(rp)) {
      this.setText(rp, relsXml([{ id, type, target }]));
    } else {
      const xml = this.text(rp);
      const close = xml.lastIndexOf("</Relationships>");
      if (close < 0) {
        // '<Relationships .../>' (empty, self-closing)
        this.setText(
          rp,
          xml.replace(/<Relationships\b([^>]*?)\s*\/>/, `<Relationships$1>${el}</Relationships>`)
        );
      } else this.setText(rp, xml.slice(0, close) + el + xml.slice(close));
    }
    return id;
  }

  /** Content type of a part from [Content_Types].xml (Override first, then Default by extension). */
  contentType(part: string): string | undefined {
    const xml = this.text("[Content_Types].xml");
    const name = `/${normalisePart(part)}`.toLowerCase();
    for (const el of findElements(xml, "Override")) {
      const a = attrs(el.tag);
      if ((a.PartName ?? "").toLowerCase() === name) return a.ContentType;
    }
    const ext = name.slice(name.lastIndexOf(".") + 1);
    for (const el of findElements(xml, "Default")) {
      const a = attrs(el.tag);
      if ((a.Extension ?? "").toLowerCase() === ext) return a.ContentType;
    }
    return undefined;
  }

  /** Make `part` have `type`: nothing when a Default already gives it, else an Override. */
  ensureContentType(part: string, type: string, asDefaultExtension?: string): void {
    if (this.contentType(part) === type) return;
    const xml = this.text("[Content_Types].xml");
    const close = xml.lastIndexOf("</Types>");
    const ext = part.slice(part.lastIndexOf(".") + 1).toLowerCase();
    const hasDefault = findElements(xml, "Default").some(
      (el) => (attrs(el.tag).Extension ?? "").toLowerCase() === ext
    );
    const el =
      asDefaultExtension && !hasDefault
        ? `<Default Extension="${escapeAttr(asDefaultExtension)}" ContentType="${escapeAttr(type)}"/>`
        : `<Override PartName="/${escapeAttr(normalisePart(part))}" ContentType="${escapeAttr(type)}"/>`;
    this.setText("[Content_Types].xml", xml.slice(0, close) + el + xml.slice(close));
  }

  /** A part name not yet used: pattern 'xl/comments#.xml' -> 'xl/comments3.xml'. */
  freeName(pattern: string): string {
    for (let n = 1; ; n++) {
      const p = pattern.replace("#", String(n));
      if (!this.has(p)) return p;
    }
  }

  /** The workbook part (target of the package's officeDocument relationship). */
  workbookPart(): string {
    const rel = this.rels("").find((r) => r.type === REL.officeDocument && r.part);
    if (!rel?.part || !this.has(rel.part)) {
      throw new PreserveError(
        "Berkas tidak memiliki bagian workbook (xl/workbook.xml).",
        "The file has no workbook part (xl/workbook.xml)."
      );
    }
    return rel.part;
  }

  /** Remove the workbook's part of relationship kind `kind` (e.g. 'calcChain') with its rel and content type. */
  removeWorkbookPart(kind: string): void {
    const wb = this.workbookPart();
    const rel = this.rels(wb).find((r) => r.type.endsWith(`/${kind}`) && r.part);
    if (!rel?.part) return;
    const e = this.entry(rel.part);
    if (e) {
      delete this.files[e];
      this.byLower.delete(e.toLowerCase());
      this.texts.delete(e);
    }
    const rp = relsPathOf(wb);
    this.setText(
      rp,
      this.text(rp).replace(new RegExp(`<Relationship\\b[^>]*\\bId="${rel.id}"[^>]*/>`), "")
    );
    const ct = "[Content_Types].xml";
    const name = `/${rel.part}`.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    this.setText(
      ct,
      this.text(ct).replace(new RegExp(`<Override\\b[^>]*\\bPartName="${name}"[^>]*/>`, "i"), "")
    );
  }

  /** Zip again: unchanged parts copied as stored (compressed bytes included), changed ones deflated. */
  toBytes(): Uint8Array {
    return rezip(this.original, this.files, this.changed);
  }
}

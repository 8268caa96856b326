/**
 * Offline manifest checks (the online `office-addin-manifest validate` needs Microsoft's service,
 * which this environment cannot reach; run it before publishing). Each rule returns problems as text.
 */
import * as fs from "fs";
import * as path from "path";
import { XMLParser, XMLValidator } from "fast-xml-parser";

type Node = Record<string, unknown>;

/** Collects every value of an attribute anywhere in the parsed tree. */
function collect(node: unknown, attr: string, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => collect(n, attr, out));
  else if (node && typeof node === "object") {
    for (const [k, v] of Object.entries(node as Node)) {
      if (k === attr && typeof v === "string") out.push(v);
      else collect(v, attr, out);
    }
  }
  return out;
}

/** Collects the `id` attributes of resources and the `resid` references. */
export function validateManifestText(xml: string, projectRoot: string): string[] {
  const problems: string[] = [];
  const wellFormed = XMLValidator.validate(xml);
  if (wellFormed !== true)
    return [`XML tidak valid: ${wellFormed.err.msg} (baris ${wellFormed.err.line})`];

  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@",
    removeNSPrefix: true,
  });
  const doc = parser.parse(xml) as Node;
  const app = doc.OfficeApp as Node | undefined;
  if (!app) return ["Elemen OfficeApp tidak ada"];

  const id = String(app.Id ?? "");
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id))
    problems.push(`Id bukan GUID: '${id}'`);
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(String(app.Version ?? "")))
    problems.push("Version harus berbentuk a.b.c.d");
  if (app.Permissions !== "ReadWriteDocument")
    problems.push(`Permissions harus ReadWriteDocument, bukan '${String(app.Permissions)}'`);

  const urls = collect(app, "@DefaultValue").filter((v) => /^[a-z]+:\/\//i.test(v));
  for (const u of urls) if (!u.startsWith("https://")) problems.push(`URL bukan HTTPS: ${u}`);
  const domains = ([] as unknown[]).concat((app.AppDomains as Node | undefined)?.AppDomain ?? []);
  for (const d of domains)
    if (!String(d).startsWith("https://")) problems.push(`AppDomain bukan HTTPS: ${String(d)}`);

  const ids = new Set(collect(app, "@id"));
  for (const ref of collect(app, "@resid"))
    if (!ids.has(ref)) problems.push(`resid '${ref}' tidak punya sumber daya`);

  if (!/<Namespace\s+resid="Functions\.Namespace"/.test(xml))
    problems.push("ExtensionPoint CustomFunctions tanpa Namespace");
  if (!/id="Functions\.Namespace"\s+DefaultValue="MONEV"/.test(xml))
    problems.push("Namespace fungsi harus MONEV");

  // Icons referenced by URL must exist in assets/.
  for (const u of urls) {
    const m = /\/assets\/([^/]+\.png)$/.exec(u);
    if (m && !fs.existsSync(path.join(projectRoot, "assets", m[1])))
      problems.push(`Ikon tidak ada: assets/${m[1]}`);
  }
  for (const size of [16, 32, 64, 80]) {
    if (!fs.existsSync(path.join(projectRoot, "assets", `icon-${size}.png`)))
      problems.push(`Ikon tidak ada: assets/icon-${size}.png`);
  }
  return problems;
}

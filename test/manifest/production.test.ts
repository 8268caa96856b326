/**
 * The production build (dist/, built by the jest global setup with MONEV_PUBLIC_URL, by default
 * https://example.invalid/monev/) points only at the public URL it was given: no localhost, no
 * default host anywhere in what an office deploys; and webpack refuses to build without the URL.
 */
import * as fs from "fs";
import * as path from "path";
import { validateManifestText } from "../../scripts/manifest-rules";

const root = path.resolve(__dirname, "../..");
const dist = path.join(root, "dist");

function textFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return textFiles(p);
    return /\.(js|json|html|xml|txt|css)$/.test(e.name) ? [p] : [];
  });
}

describe("production build (dist/)", () => {
  const manifest = fs.readFileSync(path.join(dist, "manifest.xml"), "utf8");
  const source = /<SourceLocation DefaultValue="([^"]+)"/.exec(manifest)?.[1] ?? "";
  const base = source.replace(/taskpane\.html$/, "");

  it("has a manifest that passes the offline rules and points at one HTTPS public URL", () => {
    expect(validateManifestText(manifest, root)).toEqual([]);
    expect(source).toMatch(/^https:\/\/[^/]+\/.*taskpane\.html$/);
    // AppDomain: the origin of the public URL (no path, no trailing slash).
    expect(manifest.match(/<AppDomain>([^<]+)<\/AppDomain>/g)).toEqual([
      `<AppDomain>${new URL(base).origin}</AppDomain>`,
    ]);
    const urls = [...manifest.matchAll(/DefaultValue="(https?:\/\/[^"]+)"/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(5);
    for (const u of urls) expect(u.startsWith(base)).toBe(true);
  });

  it("contains no localhost and no default host in any shipped text file", () => {
    const offenders = textFiles(dist).filter((f) =>
      /localhost|127\.0\.0\.1|monev\.github\.io/i.test(fs.readFileSync(f, "utf8"))
    );
    expect(offenders.map((f) => path.relative(dist, f))).toEqual([]);
  });

  it("builds manifest-excel2016.xml for the same host, with the pane page without custom functions", () => {
    const compat = fs.readFileSync(path.join(dist, "manifest-excel2016.xml"), "utf8");
    expect(compat).toContain(`${base}taskpane-classic.html`);
    expect(compat.match(/<AppDomain>([^<]+)<\/AppDomain>/g)).toEqual([
      `<AppDomain>${new URL(base).origin}</AppDomain>`,
    ]);
    const page = fs.readFileSync(path.join(dist, "taskpane-classic.html"), "utf8");
    expect(page).toMatch(/taskpane\.js/);
    expect(page).not.toMatch(/functions\.js/);
  });

  it("gives every custom function a help URL on the public host", () => {
    const meta = JSON.parse(fs.readFileSync(path.join(dist, "functions.json"), "utf8")) as {
      functions: { id: string; helpUrl?: string }[];
    };
    expect(meta.functions.length).toBeGreaterThan(3);
    for (const f of meta.functions)
      if (f.helpUrl) expect(f.helpUrl.startsWith(`${base}docs/functions.html`)).toBe(true);
  });

  it("ships the install guide that taskpane.html links to outside Office", () => {
    const html = fs.readFileSync(path.join(dist, "taskpane.html"), "utf8");
    // The production build minifies the HTML (attribute quotes dropped where possible).
    expect(html).toMatch(/id="?outside-office"?/);
    expect(html).toMatch(/href="?docs\/pasang\.html"?/);
    expect(fs.existsSync(path.join(dist, "docs", "pasang.html"))).toBe(true);
  });
});

describe("webpack.config.js public URL", () => {
  const config = require("../../webpack.config.js") as (
    env: unknown,
    argv: { mode: string }
  ) => Promise<unknown>;
  const saved = process.env.MONEV_PUBLIC_URL;
  afterAll(() => {
    if (saved === undefined) delete process.env.MONEV_PUBLIC_URL;
    else process.env.MONEV_PUBLIC_URL = saved;
  });
  const withUrl = (u: string | undefined) => {
    if (u === undefined) delete process.env.MONEV_PUBLIC_URL;
    else process.env.MONEV_PUBLIC_URL = u;
    return config({ WEBPACK_BUILD: true }, { mode: "production" });
  };

  it("refuses a production build without MONEV_PUBLIC_URL, or with a local, plain-HTTP or default one", async () => {
    await expect(withUrl(undefined)).rejects.toThrow(/MONEV_PUBLIC_URL is not set/);
    await expect(withUrl("http://addin.example.go.id/monev/")).rejects.toThrow(/https/);
    await expect(withUrl("https://localhost:3000/")).rejects.toThrow(/this machine/);
    await expect(withUrl("https://monev.github.io/monev/")).rejects.toThrow(/your own host/);
  });

  it("accepts an HTTPS URL of the office's own host", async () => {
    await expect(withUrl("https://addin.example.go.id/monev")).resolves.toBeDefined();
  });
});

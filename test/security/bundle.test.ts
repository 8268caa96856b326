/**
 * Security basics checked on the built add-in (dist/, made by `npm run build`; CI builds first).
 */
import * as fs from "fs";
import * as path from "path";

const root = path.resolve(__dirname, "../..");
const dist = path.join(root, "dist");

function read(file: string): string {
  const p = path.join(dist, file);
  if (!fs.existsSync(p)) throw new Error(`${p} tidak ada: jalankan 'npm run build' dulu`);
  return fs.readFileSync(p, "utf8");
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

describe("built bundles", () => {
  const scripts = fs.existsSync(dist)
    ? fs.readdirSync(dist).filter((f) => f.endsWith(".js"))
    : ["taskpane.js"];
  it.each(scripts)("%s contains no eval or new Function", (file) => {
    const code = read(file);
    // Report the offending snippet, not the whole minified bundle.
    const around = (re: RegExp) => {
      const m = re.exec(code);
      return m ? code.slice(Math.max(0, m.index - 80), m.index + 80) : null;
    };
    expect(around(/\beval\s*\(/)).toBeNull();
    expect(around(/new\s+Function\s*\(/)).toBeNull();
  });

  it("taskpane.html sets a CSP that allows scripts only from our origin and Office's script host", () => {
    const html = read("taskpane.html");
    // The production build minifies the HTML (attribute quotes dropped where possible).
    const meta = /<meta http-equiv="?Content-Security-Policy"? content="([^"]+)"/.exec(html);
    const csp = meta?.[1];
    expect(csp).toBeDefined();
    // A CSP <meta> only governs what comes after it: it must precede every script.
    expect(meta!.index).toBeLessThan(html.indexOf("<script"));
    const scriptSrc = csp!
      .split(";")
      .map((d) => d.trim())
      .find((d) => d.startsWith("script-src"));
    expect(scriptSrc).toBe("script-src 'self' https://appsforoffice.microsoft.com");
    expect(csp).toMatch(/object-src 'none'/);
    // Every script tag loads from our origin or Office's host.
    const srcs = [...html.matchAll(/<script[^>]*\ssrc="?([^"\s>]+)"?/g)].map((m) => m[1]);
    expect(srcs.length).toBeGreaterThan(0);
    for (const s of srcs)
      expect(s.startsWith("https://appsforoffice.microsoft.com/") || !/^[a-z]+:/i.test(s)).toBe(
        true
      );
  });

  it("stays small: tree shaking works (an ES-module build keeps unused Fluent UI parts out)", () => {
    // With CommonJS output from ts-loader webpack cannot tree-shake, and the pane grew to 18 MB
    // (all of @fluentui/react-icons). Budgets well above today's sizes, far below that.
    expect(fs.statSync(path.join(dist, "taskpane.js")).size).toBeLessThan(1_500_000);
    expect(fs.statSync(path.join(dist, "functions.js")).size).toBeLessThan(200_000);
    expect(fs.statSync(path.join(dist, "analysis-worker.js")).size).toBeLessThan(500_000);
  });

  it("keeps the pane's own bundle within 350 KB: the engine runs in the worker or a lazily loaded chunk", () => {
    // What Excel loads before the pane is usable (taskpane.html's scripts: functions.js + taskpane.js).
    expect(fs.statSync(path.join(dist, "taskpane.js")).size).toBeLessThanOrEqual(350_000);
    const pane = read("taskpane.js");
    // Engine-only code is not in it (names kept by the minifier: strings of the rules and the summary).
    expect(pane).not.toMatch(/yang dievaluasi|Predikat rata-rata capaian pada tabel/);
    // It loads the engine chunk and the worker on demand.
    expect(pane).toMatch(/analysis-worker\.js/);
    expect(fs.existsSync(path.join(dist, "engine.js"))).toBe(true);
    expect(fs.existsSync(path.join(dist, "evaluation-sheet.js"))).toBe(true);
  });

  it("functions.json lists the MONEV functions", () => {
    const meta = JSON.parse(read("functions.json")) as { functions: { id: string }[] };
    expect(meta.functions.map((f) => f.id)).toEqual(
      expect.arrayContaining(["CAPAIAN", "PREDIKAT"])
    );
  });
});

describe("source code", () => {
  const files = sourceFiles(path.join(root, "src")).filter(
    (f) => !f.includes(`${path.sep}cli${path.sep}`)
  );
  it("makes no network request of its own (the add-in needs no server)", () => {
    for (const f of files) {
      const code = fs.readFileSync(f, "utf8");
      expect({ f, hit: /\bfetch\s*\(|XMLHttpRequest|WebSocket|sendBeacon/.test(code) }).toEqual({
        f,
        hit: false,
      });
    }
  });
  it("never renders workbook text as HTML", () => {
    for (const f of files) {
      const code = fs.readFileSync(f, "utf8");
      expect({ f, hit: /dangerouslySetInnerHTML|\.innerHTML\s*=/.test(code) }).toEqual({
        f,
        hit: false,
      });
    }
  });
  it("keeps the core free of Office, DOM and Node imports", () => {
    for (const f of files.filter((x) => x.includes(`${path.sep}core${path.sep}`))) {
      // Code only: comments may name the adapters.
      const code = fs
        .readFileSync(f, "utf8")
        .replace(/\/\*[\s\S]*?\*\//g, "")
        .replace(/^\s*\/\/.*$/gm, "");
      expect({
        f,
        hit: /from\s+["'](fs|path|child_process|react|office-js|exceljs)["']|\bExcel\.|\bOffice\.|\bdocument\.|\bwindow\./.test(
          code
        ),
      }).toEqual({ f, hit: false });
    }
  });
});

/* eslint-disable no-undef */
// One webpack config for the add-in: task pane (React) + custom functions in a shared runtime.
const path = require("path");
const fs = require("fs");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const { marked } = require("marked");
const webpack = require("webpack");

const urlDev = "https://localhost:3000/";

/**
 * Where the built add-in is hosted in production (MONEV_PUBLIC_URL, e.g.
 * https://addin.example.go.id/monev/): every https://localhost:3000/ in the output (manifest,
 * functions.json help URLs, HELP_BASE in the bundles) is rewritten to it. There is no default: a
 * production build without it would point Excel at a host nobody deploys to.
 */
function publicUrl() {
  const raw = (process.env.MONEV_PUBLIC_URL || "").trim();
  const how =
    "Set it to the HTTPS address where dist/ will be served, e.g.\n" +
    "  MONEV_PUBLIC_URL=https://addin.example.go.id/monev/ npm run build\n" +
    "(README: 'Deploying for an office'). For a local build use npm run build:dev.";
  if (!raw)
    throw new Error(
      `MONEV_PUBLIC_URL is not set: a production build needs the public URL of the add-in.\n${how}`
    );
  let u;
  try {
    u = new URL(raw);
  } catch {
    throw new Error(`MONEV_PUBLIC_URL is not a URL: '${raw}'.\n${how}`);
  }
  if (u.protocol !== "https:")
    throw new Error(
      `MONEV_PUBLIC_URL must be https:// (Office loads add-ins over HTTPS only): '${raw}'.\n${how}`
    );
  if (/^(localhost|127\.|\[::1\]|0\.0\.0\.0)/i.test(u.hostname))
    throw new Error(`MONEV_PUBLIC_URL points at this machine: '${raw}'.\n${how}`);
  if (/(^|\.)monev\.github\.io$/i.test(u.hostname))
    throw new Error(`MONEV_PUBLIC_URL must be your own host, not '${u.hostname}'.\n${how}`);
  if (u.search || u.hash)
    throw new Error(`MONEV_PUBLIC_URL must not have a query or fragment: '${raw}'.`);
  return u.href.endsWith("/") ? u.href : `${u.href}/`;
}

/** Rewrite the dev URLs of a text to the production URL (AppDomain has no trailing slash). */
function toProd(text, urlProd) {
  const origin = new URL(urlProd).origin;
  return text.split(urlDev).join(urlProd).split(urlDev.slice(0, -1)).join(origin);
}

/** Production: rewrite the dev URL in every emitted text asset (functions.json, bundles, HTML). */
class RewriteDevUrlPlugin {
  constructor(urlProd) {
    this.urlProd = urlProd;
  }
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("RewriteDevUrlPlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "RewriteDevUrlPlugin", stage: webpack.Compilation.PROCESS_ASSETS_STAGE_REPORT },
        (assets) => {
          for (const name of Object.keys(assets)) {
            if (!/\.(js|json|html|xml|txt)$/.test(name)) continue;
            const text = assets[name].source().toString();
            if (!text.includes(urlDev.slice(0, -1))) continue;
            compilation.updateAsset(
              name,
              new webpack.sources.RawSource(toProd(text, this.urlProd))
            );
          }
        }
      );
    });
  }
}

// Content Security Policy for our pages: scripts only from our origin and Office's script host.
// office.js loads further scripts (host/locale files) from the same host; Fluent UI (Griffel)
// injects <style> elements, hence 'unsafe-inline' for styles only.
const CSP = [
  "default-src 'self'",
  "script-src 'self' https://appsforoffice.microsoft.com",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self' https://appsforoffice.microsoft.com",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join("; ");

async function httpsOptions() {
  const devCerts = require("office-addin-dev-certs");
  const options = await devCerts.getHttpsServerOptions();
  return { ca: options.ca, key: options.key, cert: options.cert };
}

function renderDoc(file, title) {
  const body = marked.parse(fs.readFileSync(file, "utf8"));
  return `<!doctype html><html lang="id"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${CSP}"><title>${title}</title><style>body{font-family:Segoe UI,Arial,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5}code,pre{background:#f3f3f3}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px}</style></head><body>${body}</body></html>`;
}

module.exports = async (env, argv) => {
  const dev = argv.mode === "development";
  // webpack serve / build:dev keep the dev URL; a production build needs MONEV_PUBLIC_URL.
  const urlProd = dev ? urlDev : publicUrl();
  return {
    devtool: dev ? "source-map" : false,
    entry: {
      functions: "./src/functions/functions.ts",
      taskpane: "./src/taskpane/index.tsx",
      // The engine for large sheets, off the pane's UI thread (loaded by src/taskpane/analysis.ts).
      "analysis-worker": "./src/taskpane/analysis-worker.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      // Lazily loaded chunks (the engine, the evaluation sheet's layout) sit beside taskpane.html.
      // An explicit path and globalThis keep webpack's runtime free of its `new Function` global shim.
      publicPath: "",
      environment: { globalThis: true },
      clean: true,
    },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: { transpileOnly: false, configFile: "tsconfig.build.json" },
          },
        },
        {
          test: /\.(png|jpg|jpeg|gif|ico)$/,
          type: "asset/resource",
          generator: { filename: "assets/[name][ext]" },
        },
      ],
    },
    performance: { hints: false },
    // Griffel (Fluent UI) reads `global`; webpack's default shim for it contains `new Function`,
    // which our CSP and security test forbid. Map it to the standard `globalThis` instead.
    node: { global: false },
    plugins: [
      new webpack.DefinePlugin({ global: "globalThis" }),
      ...(dev ? [] : [new RewriteDevUrlPlugin(urlProd)]),
      new CustomFunctionsMetadataPlugin({
        output: "functions.json",
        input: "./src/functions/functions.ts",
      }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        // Shared runtime: the pane page also hosts the custom functions.
        chunks: ["functions", "taskpane"],
        // The template puts the CSP <meta> before the first <script>, so it covers office.js too.
        csp: CSP,
      }),
      // manifest-excel2016.xml: the pane alone (no shared runtime, so no custom functions script).
      new HtmlWebpackPlugin({
        filename: "taskpane-classic.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane"],
        csp: CSP,
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*", to: "assets/[name][ext]" },
          {
            from: "manifest*.xml",
            to: "[name][ext]",
            transform(content) {
              return dev ? content : toProd(content.toString(), urlProd);
            },
          },
          {
            from: "docs/functions.md",
            to: "docs/functions.html",
            transform: () => renderDoc("docs/functions.md", "Monev: referensi fungsi"),
          },
          // The install guide linked from taskpane.html when it is opened outside Office.
          {
            from: "src/taskpane/pasang.md",
            to: "docs/pasang.html",
            transform: () => renderDoc("src/taskpane/pasang.md", "Monev: memasang add-in"),
          },
        ],
      }),
    ],
    devServer: {
      static: { directory: path.join(__dirname, "dist") },
      headers: { "Access-Control-Allow-Origin": "*" },
      server: {
        type: "https",
        options: env.WEBPACK_BUILD || dev === false ? {} : await httpsOptions(),
      },
      port: 3000,
    },
  };
};

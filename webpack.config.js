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
// Where the built add-in is hosted in production; the manifest's dev URLs are rewritten to it.
const urlProd = process.env.MONEV_PUBLIC_URL || "https://monev.github.io/monev/";

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
      clean: true,
    },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: { loader: "ts-loader", options: { transpileOnly: false, configFile: "tsconfig.build.json" } },
        },
        { test: /\.(png|jpg|jpeg|gif|ico)$/, type: "asset/resource", generator: { filename: "assets/[name][ext]" } },
      ],
    },
    performance: { hints: false },
    // Griffel (Fluent UI) reads `global`; webpack's default shim for it contains `new Function`,
    // which our CSP and security test forbid. Map it to the standard `globalThis` instead.
    node: { global: false },
    plugins: [
      new webpack.DefinePlugin({ global: "globalThis" }),
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: "./src/functions/functions.ts" }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        // Shared runtime: the pane page also hosts the custom functions.
        chunks: ["functions", "taskpane"],
        // The template puts the CSP <meta> before the first <script>, so it covers office.js too.
        csp: CSP,
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*", to: "assets/[name][ext]" },
          {
            from: "manifest*.xml",
            to: "[name][ext]",
            transform(content) {
              return dev ? content : content.toString().replace(new RegExp(urlDev, "g"), urlProd);
            },
          },
          {
            from: "docs/functions.md",
            to: "docs/functions.html",
            transform: () => renderDoc("docs/functions.md", "Monev: referensi fungsi"),
          },
        ],
      }),
    ],
    devServer: {
      static: { directory: path.join(__dirname, "dist") },
      headers: { "Access-Control-Allow-Origin": "*" },
      server: { type: "https", options: env.WEBPACK_BUILD || dev === false ? {} : await httpsOptions() },
      port: 3000,
    },
  };
};

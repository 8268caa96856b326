/** Jest: unit tests run in node; files named *.dom.test.tsx run in jsdom (see docblocks). */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json", diagnostics: { warnOnly: false } }],
  },
  moduleFileExtensions: ["ts", "tsx", "js", "json"],
  moduleNameMapper: {
    "^office-addin-manifest$": "<rootDir>/test/stubs/office-addin-manifest.js",
  },
  testTimeout: 120000,
  // Builds dist/ when missing or stale (the bundle, manifest and end-to-end tests read it).
  globalSetup: "<rootDir>/test/global-setup.js",
};

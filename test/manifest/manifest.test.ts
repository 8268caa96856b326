import * as fs from "fs";
import * as path from "path";
import { validateManifestText } from "../../scripts/manifest-rules";

const root = path.resolve(__dirname, "../..");
const xml = fs.readFileSync(path.join(root, "manifest.xml"), "utf8");

describe("manifest.xml (offline validation)", () => {
  it("passes every offline rule", () => {
    expect(validateManifestText(xml, root)).toEqual([]);
  });
  it("asks for ReadWriteDocument and nothing more", () => {
    expect(xml.match(/<Permissions>([^<]+)<\/Permissions>/)?.[1]).toBe("ReadWriteDocument");
    expect(
      validateManifestText(xml.replace("ReadWriteDocument", "ReadWriteMailbox"), root).join()
    ).toMatch(/Permissions/);
  });
  it("rejects plain-HTTP URLs", () => {
    const broken = xml.replace(
      "https://localhost:3000/functions.js",
      "http://localhost:3000/functions.js"
    );
    expect(validateManifestText(broken, root).join()).toMatch(/bukan HTTPS/);
  });
  it("rejects a resid that points nowhere", () => {
    const broken = xml.replace('resid="Functions.Metadata.Url"', 'resid="Functions.Metadata.Typo"');
    expect(validateManifestText(broken, root).join()).toMatch(/Functions\.Metadata\.Typo/);
  });
  it("rejects malformed XML and a missing namespace", () => {
    expect(validateManifestText(xml.replace("</OfficeApp>", ""), root)[0]).toMatch(
      /XML tidak valid/
    );
    expect(
      validateManifestText(xml.replace('DefaultValue="MONEV"', 'DefaultValue="X"'), root).join()
    ).toMatch(/MONEV/);
  });
  it("declares the highest ExcelApi requirement set the Office.js adapter uses", () => {
    const adapter = fs.readFileSync(path.join(root, "src/excel/adapter.ts"), "utf8");
    const needed = /=> minimum: ExcelApi (\d+\.\d+)/.exec(adapter)?.[1];
    expect(needed).toBeDefined();
    expect(xml).toContain(`<Set Name="ExcelApi" MinVersion="${needed}"/>`);
  });
  it("declares the shared runtime, the CustomFunctions extension point and Indonesian defaults", () => {
    expect(xml).toMatch(/<Set Name="SharedRuntime"/);
    expect(xml).toMatch(/xsi:type="CustomFunctions"/);
    expect(xml).toMatch(/<DefaultLocale>id-ID<\/DefaultLocale>/);
    expect(xml).toMatch(/Override Locale="en-US"/);
  });
});

describe("manifest-excel2016.xml (Excel 2016/2019: the pane without custom functions)", () => {
  const compat = fs.readFileSync(path.join(root, "manifest-excel2016.xml"), "utf8");
  it("passes the offline rules except the custom-functions namespace it does not have", () => {
    const problems = validateManifestText(compat, root).filter((p) => !/amespace/.test(p));
    expect(problems).toEqual([]);
  });
  it("asks only for ExcelApi 1.1: no shared runtime, no custom functions, its own id", () => {
    expect(compat).toContain('<Set Name="ExcelApi" MinVersion="1.1"/>');
    expect(compat).not.toMatch(/SharedRuntime|CustomFunctions|<Runtimes>|Functions\./);
    expect(/<Id>([^<]+)<\/Id>/.exec(compat)?.[1]).not.toBe(/<Id>([^<]+)<\/Id>/.exec(xml)?.[1]);
    expect(compat).toContain("taskpane-classic.html");
    expect(compat.match(/<Permissions>([^<]+)<\/Permissions>/)?.[1]).toBe("ReadWriteDocument");
  });
  it("the adapter checks every API above ExcelApi 1.1 at run time", () => {
    const adapter = fs.readFileSync(path.join(root, "src/excel/adapter.ts"), "utf8");
    for (const api of [
      "getMergedAreasOrNullObject",
      "copyFrom",
      "conditionalFormats.add",
      "getUsedRangeOrNullObject",
      "pageLayout",
      "series.add",
    ]) {
      expect({ api, found: adapter.includes(api) }).toEqual({ api, found: true });
    }
    expect(adapter).toMatch(/can\.mergedAreas/);
    expect(adapter).toMatch(/can\.copyFrom/);
    expect(adapter).toMatch(/can\.conditionalFormats/);
  });
});

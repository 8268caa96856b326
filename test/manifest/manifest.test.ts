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
    expect(validateManifestText(xml.replace("ReadWriteDocument", "ReadWriteMailbox"), root).join()).toMatch(/Permissions/);
  });
  it("rejects plain-HTTP URLs", () => {
    const broken = xml.replace("https://localhost:3000/functions.js", "http://localhost:3000/functions.js");
    expect(validateManifestText(broken, root).join()).toMatch(/bukan HTTPS/);
  });
  it("rejects a resid that points nowhere", () => {
    const broken = xml.replace('resid="Functions.Metadata.Url"', 'resid="Functions.Metadata.Typo"');
    expect(validateManifestText(broken, root).join()).toMatch(/Functions\.Metadata\.Typo/);
  });
  it("rejects malformed XML and a missing namespace", () => {
    expect(validateManifestText(xml.replace("</OfficeApp>", ""), root)[0]).toMatch(/XML tidak valid/);
    expect(validateManifestText(xml.replace('DefaultValue="MONEV"', 'DefaultValue="X"'), root).join()).toMatch(/MONEV/);
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

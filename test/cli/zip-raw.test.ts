/**
 * rezip: unchanged parts are copied as stored (their compressed bytes too), changed and added
 * parts are deflated anew, deleted ones dropped; the result unzips to exactly the new contents.
 * Also for zips whose entries carry data descriptors (as streaming writers such as ExcelJS make).
 */
import { strToU8, unzipSync, zipSync } from "fflate";
import JSZip from "jszip";
import { rawEntries, rezip } from "../../src/cli/ooxml/zip-raw";

const big = (c: string) => strToU8(c.repeat(5000));

test("unchanged entries are copied byte for byte, changed and new ones deflated, removed ones gone", () => {
  const original = zipSync({
    "a.xml": [big("a"), { level: 9 }],
    "b.xml": big("b"),
    "c.xml": big("c"),
  });
  const files = unzipSync(original);
  files["b.xml"] = strToU8("<b>baru</b>");
  delete files["c.xml"];
  files["d.xml"] = strToU8("<d/>");
  const out = rezip(original, files, new Set(["b.xml", "d.xml"]));
  const back = unzipSync(out);
  expect(Object.keys(back)).toEqual(["a.xml", "b.xml", "d.xml"]);
  expect(Buffer.from(back["b.xml"]).toString()).toBe("<b>baru</b>");
  expect(Buffer.from(back["a.xml"])).toEqual(Buffer.from(big("a")));
  // a.xml's stored record (level 9 compression) is the original's, not a new level-6 deflate.
  const rawA = (z: Uint8Array) =>
    Buffer.from(rawEntries(z)?.find((e) => e.name === "a.xml")?.local ?? []);
  expect(rawA(out)).toEqual(rawA(original));
});

test("entries with data descriptors (streamed zips) are copied whole and read back", async () => {
  const zip = new JSZip();
  zip.file("x/one.xml", "<one/>".repeat(300));
  zip.file("x/two.xml", "<two/>");
  const original = new Uint8Array(
    await zip.generateAsync({ type: "uint8array", compression: "DEFLATE", streamFiles: true })
  );
  const entries = rawEntries(original);
  expect(entries?.map((e) => e.name)).toEqual(["x/", "x/one.xml", "x/two.xml"]);
  const files = unzipSync(original);
  files["x/two.xml"] = strToU8("<two>2</two>");
  const back = unzipSync(rezip(original, files, new Set(["x/two.xml"])));
  expect(Buffer.from(back["x/one.xml"]).toString()).toBe("<one/>".repeat(300));
  expect(Buffer.from(back["x/two.xml"]).toString()).toBe("<two>2</two>");
});

test("what it cannot read simply (not a zip) is zipped anew", () => {
  const files = { "a.xml": strToU8("<a/>") };
  const back = unzipSync(rezip(new Uint8Array([1, 2, 3]), files, new Set()));
  expect(Buffer.from(back["a.xml"]).toString()).toBe("<a/>");
});

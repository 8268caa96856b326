/**
 * The built functions bundle (dist/functions.js, as Excel loads it in the shared runtime) registers
 * every id listed in the built dist/functions.json. Runs the real bundle in a VM with a fake
 * CustomFunctions.associate.
 */
import * as fs from "fs";
import * as path from "path";
import * as vm from "vm";

const dist = path.resolve(__dirname, "../../dist");

it("dist/functions.js associates every id of dist/functions.json, each with a function", () => {
  const metaFile = path.join(dist, "functions.json");
  if (!fs.existsSync(metaFile))
    throw new Error("dist/functions.json tidak ada: jalankan 'npm run build' dulu");
  const ids = (
    JSON.parse(fs.readFileSync(metaFile, "utf8")) as { functions: { id: string }[] }
  ).functions.map((f) => f.id);
  expect(ids.length).toBeGreaterThanOrEqual(9);

  const associated = new Map<string, unknown>();
  class FakeError {
    constructor(
      public code: string,
      public message?: string
    ) {}
  }
  const CustomFunctions = {
    associate: (id: string, fn: unknown) => associated.set(id, fn),
    Error: FakeError,
    ErrorCode: {
      invalidValue: "#VALUE!",
      notAvailable: "#N/A",
      divisionByZero: "#DIV/0!",
      invalidNumber: "#NUM!",
      nullReference: "#NULL!",
    },
  };
  const sandbox: Record<string, unknown> = { CustomFunctions, console };
  sandbox.window = sandbox;
  sandbox.self = sandbox;
  sandbox.globalThis = sandbox;
  vm.runInNewContext(fs.readFileSync(path.join(dist, "functions.js"), "utf8"), sandbox);

  expect([...associated.keys()].sort()).toEqual([...ids].sort());
  for (const fn of associated.values()) expect(typeof fn).toBe("function");
  // And the registered CAPAIAN really computes (range in, range out).
  const capaian = associated.get("CAPAIAN") as (
    t: unknown,
    r: unknown,
    a: unknown,
    b: unknown
  ) => unknown;
  expect(capaian([[12]], [[7.21]], [["inverse"]], null)).toEqual([[expect.closeTo(139.9167, 3)]]);
});

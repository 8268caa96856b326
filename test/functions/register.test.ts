/** registerFunctions() must associate exactly the ids of the generated metadata, with their functions. */
import * as path from "path";
import { installFakeCustomFunctions, uninstallFakeCustomFunctions } from "./fake-cf";
import * as fns from "../../src/functions/functions";

const { generateCustomFunctionsMetadata } = require("custom-functions-metadata") as {
  generateCustomFunctionsMetadata: (input: string) => Promise<{
    metadataJson: string;
    associate: { id: string; functionName: string }[];
    errors: string[];
  }>;
};

afterEach(() => uninstallFakeCustomFunctions());

test("registerFunctions associates every metadata id with the JSDoc-tagged function", async () => {
  const result = await generateCustomFunctionsMetadata(
    path.join(__dirname, "../../src/functions/functions.ts")
  );
  expect(result.errors).toEqual([]);
  const cf = installFakeCustomFunctions();
  const ids = fns.registerFunctions();
  const metaIds = result.associate.map((a) => a.id).sort();
  expect([...cf.associated.keys()].sort()).toEqual(metaIds);
  expect([...ids].sort()).toEqual(metaIds);
  for (const a of result.associate) {
    expect(cf.associated.get(a.id)).toBe(
      (fns as unknown as Record<string, unknown>)[a.functionName]
    );
  }
});

test("registerFunctions is a no-op without the CustomFunctions API", () => {
  uninstallFakeCustomFunctions();
  expect(fns.registerFunctions()).toEqual([]);
});

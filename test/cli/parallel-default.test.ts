/**
 * Default number of workers: one fewer than the cores (a single thread already keeps V8's
 * background threads busy on a second core), at most one per file, one or two files in this thread.
 */
import { defaultParallel } from "../../src/cli/batch";

describe("defaultParallel", () => {
  it("leaves one core free: 2 cores run the batch in this thread, 8 cores in 7 workers", () => {
    expect(defaultParallel(40, 2)).toBe(1);
    expect(defaultParallel(40, 4)).toBe(3);
    expect(defaultParallel(40, 8)).toBe(7);
  });

  it("never more workers than files, never fewer than one", () => {
    expect(defaultParallel(5, 16)).toBe(5);
    expect(defaultParallel(40, 1)).toBe(1);
  });

  it("runs one or two files in this thread whatever the cores", () => {
    expect(defaultParallel(1, 16)).toBe(1);
    expect(defaultParallel(2, 16)).toBe(1);
  });
});

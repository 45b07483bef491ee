import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { describeCycle, filesLongerThan, findCycles, foldersFullerThan, importGraph } from "../support/import-graph";

const FIXTURE = fileURLToPath(new URL("../fixtures/import-graph", import.meta.url));

describe("the import graph check, on a fixture tree with known cycles", () => {
  const graph = importGraph(FIXTURE, [""]);

  it("resolves ./x, ./x.ts, ./x.tsx and ./x/index.ts, counts import type, and leaves out packages, #imports and CSS", () => {
    expect(Object.fromEntries(graph)).toEqual({
      "a.ts": ["b.ts"],
      "b.ts": ["c/index.ts"],
      "c/index.ts": ["a.ts"],
      "d.tsx": ["e.tsx"],
      "e.tsx": ["d.tsx"],
      "f.ts": ["a.ts"],
      "g.ts": ["f.ts"],
      "limits/crowded/n1.ts": [],
      "limits/crowded/n2.ts": [],
      "limits/crowded/n3.ts": [],
      "limits/long.ts": [],
    });
  });

  it("lists every cycle once, from its alphabetically first file, and nothing that merely imports into one", () => {
    expect(findCycles(graph).map(describeCycle)).toEqual(["a.ts → b.ts → c/index.ts → a.ts", "d.tsx → e.tsx → d.tsx"]);
  });

  it("finds each of several cycles through the same files, and a file that imports itself", () => {
    const tangle = new Map([
      ["x.ts", ["y.ts", "z.ts"]],
      ["y.ts", ["x.ts", "z.ts"]],
      ["z.ts", ["x.ts"]],
      ["self.ts", ["self.ts"]],
    ]);
    expect(findCycles(tangle).map(describeCycle)).toEqual([
      "self.ts → self.ts",
      "x.ts → y.ts → x.ts",
      "x.ts → y.ts → z.ts → x.ts",
      "x.ts → z.ts → x.ts",
    ]);
  });

  it("names the files over a line limit and the folders over a file limit, with their counts", () => {
    expect(filesLongerThan(FIXTURE, ["limits"], 3)).toEqual(["limits/long.ts: 4 lines"]);
    expect(filesLongerThan(FIXTURE, ["limits"], 4)).toEqual([]);
    expect(foldersFullerThan(FIXTURE, ["limits"], 2)).toEqual(["limits/crowded: 3 files"]);
    expect(foldersFullerThan(FIXTURE, ["limits"], 2, ["limits/crowded"])).toEqual([]);
    expect(foldersFullerThan(FIXTURE, ["limits"], 3)).toEqual([]);
  });
});

import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { describeCycle, filesLongerThan, findCycles, foldersFullerThan, importGraph } from "../support/import-graph";

// The structure review's rules for the product's code (STYLE.md): no import cycles, no service file that
// does several jobs, no folder too full to find one's way in. Each test lists every offender at once.

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SOURCE_DIRS = ["server", "shared", "extension"];

describe("the source tree of server/, shared/ and extension/", () => {
  it("has no import cycles, type-only imports included", () => {
    const graph = importGraph(ROOT, SOURCE_DIRS);
    // The check must have read the tree: the app's route groups import their routes (on first use).
    expect(graph.get("server/routing/groups.ts")).toContain("server/routes/items.ts");
    expect(findCycles(graph).map(describeCycle)).toEqual([]);
  });

  it("has no file in server/services/ (sub-folders included) over 350 lines", () => {
    expect(filesLongerThan(ROOT, ["server/services"], 350)).toEqual([]);
  });

  it("has no folder with more than 12 files (the generated migrations aside)", () => {
    expect(foldersFullerThan(ROOT, SOURCE_DIRS, 12, ["server/db/migrations"])).toEqual([]);
  });
});

import { parseArgs } from "node:util";
import { describe, expect, it } from "vitest";
import { newId } from "../../server/core/ids";

describe("ids the server gives out", () => {
  it("are 16 url-safe characters that a command line never reads as an option", () => {
    const ids = Array.from({ length: 20_000 }, newId);
    expect(ids.filter((id) => !/^[A-Za-z0-9][A-Za-z0-9_-]{15}$/.test(id))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    // As `npm run admin -- school:member <id> <e-mail>` reads its arguments (strict, as the command does).
    for (const id of ids.slice(0, 2_000)) {
      expect(parseArgs({ args: ["school:member", id, "a@b.nl"], options: { role: { type: "string" } }, allowPositionals: true, strict: true }).positionals).toEqual([
        "school:member",
        id,
        "a@b.nl",
      ]);
    }
  });
});

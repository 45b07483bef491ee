import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startServer } from "../../server/server";

const dir = mkdtempSync(join(tmpdir(), "knooppunt-start-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Listens on `port` (0: any) on 127.0.0.1 and lets go again; the port it got, or null when it was taken. */
const tryPort = (port: number) =>
  new Promise<number | null>((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(null));
    probe.listen(port, "127.0.0.1", () => {
      const got = (probe.address() as { port: number }).port;
      probe.close(() => resolve(got));
    });
  });

describe("a start that fails after the port is bound", () => {
  it("rejects, lets go of the port and closes the database", async () => {
    const port = (await tryPort(0))!;
    const databasePath = join(dir, "knooppunt.db");
    const failing = startServer({
      port,
      host: "127.0.0.1",
      databasePath,
      publicUrl: null,
      admin: null,
      demo: false,
      trustProxy: false,
      webhookAllowHosts: [],
      passwordCost: 10,
      extend: () => {
        throw new Error("a broken extension of the app");
      },
    });
    await expect(failing).rejects.toThrow("a broken extension of the app");
    expect(await tryPort(port)).toBe(port);
    // SQLite removes the write-ahead log when the last connection to the file closes.
    expect(existsSync(`${databasePath}-wal`)).toBe(false);
  });
});

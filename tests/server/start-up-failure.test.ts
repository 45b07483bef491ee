import { execFileSync, spawn } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../server/db/client";
import { startServer } from "../../server/server";

const dir = mkdtempSync(join(tmpdir(), "knooppunt-start-"));
const immutable: string[] = [];
afterAll(() => {
  for (const path of immutable) execFileSync("chattr", ["-i", path]);
  rmSync(dir, { recursive: true, force: true });
});

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

/** `npm start` on `databasePath`: its exit code and everything it printed. */
function startCommand(databasePath: string) {
  const child = spawn(process.execPath, ["--import", "tsx", "server/cli/start.ts"], {
    env: { ...process.env, PORT: "0", DATABASE_PATH: databasePath, KNOOPPUNT_DEMO: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  return new Promise<{ code: number | null; output: string }>((resolve) => child.on("exit", (code) => resolve({ code, output })));
}

/**
 * A database file the server may read but not write. Root ignores file permissions, so there the file is
 * made immutable, which binds root too.
 */
function readOnlyDatabase(path: string) {
  openDatabase(path).close();
  if (process.getuid?.() === 0) {
    execFileSync("chattr", ["+i", path]);
    immutable.push(path);
  } else {
    chmodSync(path, 0o444);
  }
}

describe("npm start with a database it cannot use", () => {
  const cases: [string, () => string, string, string][] = [
    ["a folder", () => (mkdirSync(join(dir, "map.db")), join(dir, "map.db")), "het bestand kan niet worden geopend (is het een map, of ontbreken rechten?)", "the file cannot be opened (is it a folder, or are permissions missing?)"],
    ["a file that is not a database", () => (writeFileSync(join(dir, "notities.db"), "Dit is geen database, maar een boodschappenlijst.\n".repeat(100)), join(dir, "notities.db")), "het bestand is geen SQLite-database", "the file is not an SQLite database"],
    ["a path through a file", () => (writeFileSync(join(dir, "bestand"), "x"), join(dir, "bestand", "k.db")), "een deel van het pad is een bestand in plaats van een map", "part of the path is a file instead of a folder"],
    ["a read-only file", () => (readOnlyDatabase(join(dir, "alleen-lezen.db")), join(dir, "alleen-lezen.db")), "er mag of kan niet in worden geschreven (alleen-lezen of geen rechten)", "it cannot be written to (read-only, or no permission)"],
  ];
  it.each(cases)("says in one sentence, Dutch and English, which DATABASE_PATH fails and why: %s", async (_, make, nl, en) => {
    const path = make();
    const { code, output } = await startCommand(path);
    expect(code).toBe(1);
    expect(output.trim().split("\n")).toEqual([`Knooppunt kan de database DATABASE_PATH=${path} niet gebruiken: ${nl}. / Knooppunt cannot use the database DATABASE_PATH=${path}: ${en}.`]);
    expect(output).not.toMatch(/^\s+at /m);
  }, 60_000);
});

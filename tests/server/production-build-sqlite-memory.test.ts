import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../server/config";
import { startTestServer } from "../support/server";

// SQLite's page cache is the server's own memory and fills up to its size on a large library; memory-mapped
// pages are the file's. A small server lowers both with SQLITE_CACHE_MB and SQLITE_MMAP_MB.

describe("SQLite's memory settings", () => {
  it("default to a 64 MB page cache and 256 MB of memory-mapped reads", async () => {
    expect(loadConfig({}).sqliteMemory).toEqual({ cacheMb: 64, mmapMb: 256 });
    const server = await startTestServer();
    try {
      expect(server.ctx.sqlite.pragma("cache_size", { simple: true })).toBe(-65536);
      expect(server.ctx.sqlite.pragma("mmap_size", { simple: true })).toBe(268435456);
    } finally {
      await server.stop();
    }
  });

  it("take SQLITE_CACHE_MB and SQLITE_MMAP_MB, 0 switching memory-mapped reads off", async () => {
    const config = loadConfig({ SQLITE_CACHE_MB: "8", SQLITE_MMAP_MB: "0" });
    expect(config.sqliteMemory).toEqual({ cacheMb: 8, mmapMb: 0 });
    const server = await startTestServer({ sqliteMemory: config.sqliteMemory });
    try {
      expect(server.ctx.sqlite.pragma("cache_size", { simple: true })).toBe(-8192);
      expect(server.ctx.sqlite.pragma("mmap_size", { simple: true })).toBe(0);
      const health = await server.api("GET", "/healthz");
      expect(health.body).toEqual({ ok: true });
    } finally {
      await server.stop();
    }
  });

  it("refuses a size that is not a whole number of MB, naming the setting", () => {
    let message = "";
    try {
      loadConfig({ SQLITE_CACHE_MB: "veel", SQLITE_MMAP_MB: "-1" });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    expect(message).toBe("Knooppunt cannot start; fix these settings:\n  SQLITE_CACHE_MB: must be a whole number of MB\n  SQLITE_MMAP_MB: must be 0 or more");
  });
});

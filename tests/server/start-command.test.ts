import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const children: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGTERM");
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Runs the server's start command the way `npm start` does (without rebuilding the extension). */
function start(env: Record<string, string>, args: string[] = []) {
  const dir = mkdtempSync(join(tmpdir(), "knooppunt-start-"));
  dirs.push(dir);
  const child = spawn(process.execPath, ["--import", "tsx", "server/cli/start.ts", ...args], {
    env: { ...process.env, PORT: "0", DATABASE_PATH: join(dir, "k.db"), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const ready = (marker: RegExp, timeoutMs = 60_000) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${marker} in:\n${output}`)), timeoutMs);
      const check = () => {
        if (marker.test(output)) {
          clearTimeout(timer);
          resolve(output);
        }
      };
      child.stdout!.on("data", check);
      child.stderr!.on("data", check);
      exited.then(() => {
        clearTimeout(timer);
        marker.test(output) ? resolve(output) : reject(new Error(`exited early:\n${output}`));
      });
    });
  return { child, exited, ready, output: () => output };
}

describe("npm start", () => {
  it("starts on an empty database, seeds the demo network and prints URLs and demo sign-ins", async () => {
    const run = start({});
    const output = await run.ready(/Ctrl\+C/);
    const url = /API\s+(http:\/\/127\.0\.0\.1:\d+)\/api\/v1/.exec(output)?.[1];
    expect(url).toBeDefined();
    expect(output).toMatch(/Demo-aanmeldingen/);
    expect(output).toMatch(/@demo\.knooppunt\.nl/);
    const health = await fetch(`${url}/healthz`);
    expect(await health.json()).toEqual({ ok: true });
    const email = /(\S+@demo\.knooppunt\.nl)\s+(\S+)/.exec(output)!;
    const login = await fetch(`${url}/api/v1/auth/login`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ email: email[1], password: email[2] }) });
    expect(login.status).toBe(200);
  });

  it("starts without demo data with --no-demo", async () => {
    const run = start({}, ["--no-demo"]);
    const output = await run.ready(/Ctrl\+C/);
    expect(output).not.toMatch(/Demo-aanmeldingen/);
    const url = /API\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(output)![1];
    const items = await (await fetch(`${url}/api/v1/items`)).json();
    expect(items.items).toEqual([]);
  });

  it("refuses a bad setting with a clear message and exit code 2", async () => {
    const run = start({ PORT: "negentig", PUBLIC_URL: "ftp://knooppunt" });
    const code = await run.exited;
    expect(code).toBe(2);
    expect(run.output()).toMatch(/PORT/);
    expect(run.output()).toMatch(/PUBLIC_URL/);
  });

  it("explains a port that is already in use and exits with 1 instead of crashing", async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    try {
      const port = (taken.address() as { port: number }).port;
      const run = start({ PORT: String(port) }, ["--no-demo"]);
      expect(await run.exited).toBe(1);
      expect(run.output()).toContain(`Port ${port} is already in use`);
    } finally {
      taken.close();
    }
  });
});

import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import WebSocket from "ws";

/**
 * Debian's Firefox ESR, headless, driven over WebDriver BiDi (Firefox's own remote protocol), the way a
 * person installs the add-on from about:debugging. playwright-core drives only its own patched Firefox, so
 * this speaks the protocol directly: a dozen commands, no client library needed beyond a WebSocket.
 *
 * `--remote-allow-system-access` lets the test act as the browser itself (open the sidebar, read the
 * add-on's state), which no web page may do.
 */
export const FIREFOX = process.env.FIREFOX_PATH ?? "/usr/bin/firefox-esr";

/** Fixed so the add-on's pages have a known address (moz-extension://<uuid>/…). */
const EXTENSION_UUID = "5e0d6a52-4f1b-4c43-9a0e-7d2f8b1c6a90";

export interface FirefoxSession {
  /** The add-on's base address, e.g. moz-extension://…/ */
  extensionBase: string;
  /** Runs an expression as the browser's own window (privileged) and returns its JSON-serialisable value. */
  inBrowser<T>(expression: string): Promise<T>;
  /** Runs an expression in an open tab or extension page, found by the start of its address. */
  inPage<T>(urlPrefix: string, expression: string): Promise<T>;
  /** The text of the add-on's sidebar as a person sees it (empty while it is closed). */
  sidebarText(): Promise<string>;
  close(): Promise<void>;
}

interface BidiReply {
  id?: number;
  type: "success" | "error" | "event";
  result?: Record<string, unknown>;
  error?: string;
  message?: string;
}

interface EvaluateResult {
  type: "success" | "exception";
  result?: { type: string; value?: unknown };
  exceptionDetails?: { text: string };
}

/** Starts Firefox, installs the add-on from `extensionPath` as a temporary add-on, and returns a session. */
export async function launchFirefoxWithExtension(extensionPath: string, addonId: string): Promise<FirefoxSession> {
  const profile = mkdtempSync(join(tmpdir(), "knooppunt-firefox-"));
  writeFileSync(
    join(profile, "user.js"),
    [
      ["extensions.webextensions.uuids", JSON.stringify({ [addonId]: EXTENSION_UUID })],
      ["browser.shell.checkDefaultBrowser", false],
      ["datareporting.policy.dataSubmissionEnabled", false],
      ["toolkit.telemetry.reportingpolicy.firstRun", false],
      ["browser.startup.homepage_override.mstone", "ignore"],
      ["app.update.disabledForTesting", true],
      ["intl.locale.requested", "nl"],
      ["intl.accept_languages", "nl, en"],
    ]
      .map(([name, value]) => `user_pref(${JSON.stringify(name)}, ${JSON.stringify(value)});`)
      .join("\n"),
  );
  const firefox = spawn(
    FIREFOX,
    ["--headless", "--no-remote", "--profile", profile, "--remote-debugging-port=0", "--remote-allow-system-access", "about:blank"],
    { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, MOZ_CRASHREPORTER_DISABLE: "1" } },
  );
  const stopFirefox = async () => {
    if (firefox.exitCode === null && firefox.signalCode === null) {
      const exited = new Promise((done) => firefox.once("exit", done));
      firefox.kill("SIGTERM");
      await Promise.race([exited, new Promise((done) => setTimeout(done, 10_000))]);
      if (firefox.exitCode === null) firefox.kill("SIGKILL");
    }
    rmSync(profile, { recursive: true, force: true });
  };
  try {
    const address = await bidiAddress(firefox);
    const socket = new WebSocket(`${address}/session`);
    await new Promise<void>((done, fail) => {
      socket.once("open", () => done());
      socket.once("error", fail);
    });
    const send = commandSender(socket);
    await send("session.new", { capabilities: {} });
    await send("webExtension.install", { extensionData: { type: "path", path: extensionPath } });

    const chromeWindow = async () => {
      const tree = (await send("browsingContext.getTree", { "moz:scope": "chrome" })) as { contexts: { context: string }[] };
      return tree.contexts[0]!.context;
    };
    const evaluate = async <T>(context: string, expression: string): Promise<T> => {
      const reply = (await send("script.evaluate", {
        expression: `(async () => JSON.stringify(await (${expression})))()`,
        target: { context },
        awaitPromise: true,
      })) as unknown as EvaluateResult;
      if (reply.type !== "success") throw new Error(`evaluation failed: ${reply.exceptionDetails?.text ?? "unknown"}`);
      const json = reply.result?.value;
      return (typeof json === "string" ? JSON.parse(json) : undefined) as T;
    };
    const inBrowser = async <T>(expression: string) => evaluate<T>(await chromeWindow(), expression);

    return {
      extensionBase: `moz-extension://${EXTENSION_UUID}/`,
      inBrowser,
      async inPage<T>(urlPrefix: string, expression: string) {
        const tree = (await send("browsingContext.getTree", {})) as { contexts: { context: string; url: string }[] };
        const page = tree.contexts.find((c) => c.url.startsWith(urlPrefix));
        if (!page) throw new Error(`no page open at ${urlPrefix} (open: ${tree.contexts.map((c) => c.url).join(", ")})`);
        return evaluate<T>(page.context, expression);
      },
      // The sidebar is a separate browser inside the browser window; a frame script reads its document.
      sidebarText() {
        return inBrowser<string>(`new Promise((done) => {
          const panel = SidebarController.browser?.contentDocument?.getElementById("webext-panels-browser");
          if (!panel) return done("");
          const mm = panel.messageManager;
          const listener = (message) => { mm.removeMessageListener("knooppunt:text", listener); done(message.data); };
          mm.addMessageListener("knooppunt:text", listener);
          mm.loadFrameScript("data:,sendAsyncMessage('knooppunt:text', content.document.body ? content.document.body.innerText : '')", false);
        })`);
      },
      async close() {
        await send("session.end", {}).catch(() => undefined);
        socket.close();
        await stopFirefox();
      },
    };
  } catch (error) {
    await stopFirefox();
    throw error;
  }
}

/** Firefox prints the BiDi address on start-up once it listens. */
function bidiAddress(firefox: ChildProcess): Promise<string> {
  return new Promise((done, fail) => {
    let output = "";
    const timer = setTimeout(() => fail(new Error(`Firefox did not start its remote protocol:\n${output.slice(-2000)}`)), 60_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /WebDriver BiDi listening on (ws:\/\/\S+)/.exec(output);
      if (found) {
        clearTimeout(timer);
        done(found[1]!);
      }
    };
    firefox.stdout!.on("data", read);
    firefox.stderr!.on("data", read);
    firefox.once("exit", (code) => {
      clearTimeout(timer);
      fail(new Error(`Firefox exited (${code}) before its remote protocol started:\n${output.slice(-2000)}`));
    });
  });
}

function commandSender(socket: WebSocket) {
  let nextId = 1;
  const waiting = new Map<number, (reply: BidiReply) => void>();
  socket.on("message", (data) => {
    const reply = JSON.parse(data.toString()) as BidiReply;
    if (reply.id !== undefined) waiting.get(reply.id)?.(reply);
  });
  return (method: string, params: Record<string, unknown>) =>
    new Promise<Record<string, unknown>>((done, fail) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        waiting.delete(id);
        fail(new Error(`${method}: no answer from Firefox`));
      }, 60_000);
      waiting.set(id, (reply) => {
        clearTimeout(timer);
        waiting.delete(id);
        if (reply.type === "error") fail(new Error(`${method}: ${reply.error} ${reply.message ?? ""}`));
        else done(reply.result ?? {});
      });
      socket.send(JSON.stringify({ id, method, params }));
    });
}

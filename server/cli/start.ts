/**
 * `npm start`: migrate, seed, listen, and tell a newcomer where everything is.
 * `npm start -- --no-demo` (or KNOOPPUNT_DEMO=0) starts without the demo network; so does a start that
 * looks like a real installation (see loadConfig).
 *
 * `npm start` runs this file bundled (server/cli/build.ts → .output/server/start.js) on plain node, with
 * three flags, each measured by `npm run bench` (tests/bench/lean-server.bench.ts):
 * - `--enable-source-maps`: stack traces name the TypeScript file and line. It costs ~5 MB resident
 *   (Node parses the map at load), which an operator reading a trace is worth.
 * - `--max-semi-space-size=2` (MB): V8 sizes the young generation for throughput, up to 16 MB a
 *   semi-space, and keeps it committed once grown; a server of this size idles ~17 MB smaller with 2 MB,
 *   and its requests allocate little enough that the extra scavenges do not show in the bench.
 * - `--optimize-for-size`: V8's setting for small devices: its heap grows in smaller steps and is collected
 *   sooner, and code it no longer runs is let go. Measured with the bench's 1,000 mixed requests: ~16 MB
 *   less resident afterwards and ~4 MB less at idle, for no CPU time per request that rose above the
 *   machine's noise. It sets no ceiling, unlike --max-old-space-size: a search or an export that needs a
 *   large heap still gets it, where a ceiling low enough to matter at idle would crash the process then.
 * `npm run dev` runs the TypeScript through `tsx watch` instead.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { ConfigError, loadConfig } from "../config";
import { DatabaseUnavailableError, startServer } from "../server";
import { redirectUriFor } from "../services/sign-in/flows";

/** What went wrong with the database file, in Dutch and in English, from SQLite's or the file system's error code. */
function databaseProblem(cause: unknown): [nl: string, en: string] {
  const code = (cause as { code?: string })?.code ?? "";
  if (code === "SQLITE_NOTADB") return ["het bestand is geen SQLite-database", "the file is not an SQLite database"];
  if (code.startsWith("SQLITE_CORRUPT")) return ["het bestand is beschadigd", "the file is damaged"];
  if (code.startsWith("SQLITE_READONLY") || code === "EROFS" || code === "EACCES" || code === "EPERM" || code === "SQLITE_PERM") {
    return ["er mag of kan niet in worden geschreven (alleen-lezen of geen rechten)", "it cannot be written to (read-only, or no permission)"];
  }
  if (code === "SQLITE_FULL" || code === "ENOSPC") return ["de schijf is vol", "the disk is full"];
  if (code === "ENOTDIR" || code === "EEXIST") return ["een deel van het pad is een bestand in plaats van een map", "part of the path is a file instead of a folder"];
  if (code.startsWith("SQLITE_CANTOPEN")) return ["het bestand kan niet worden geopend (is het een map, of ontbreken rechten?)", "the file cannot be opened (is it a folder, or are permissions missing?)"];
  if (code.startsWith("SQLITE_BUSY")) return ["een ander proces houdt de database bezet", "another process keeps the database locked"];
  const message = (cause as Error)?.message ?? String(cause);
  const detail = code && !message.startsWith(code) ? `${code}: ${message}` : message;
  return [detail, detail];
}

async function main() {
  let config;
  try {
    config = loadConfig(process.env, process.argv.slice(2));
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }

  let server;
  try {
    server = await startServer(config);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (error instanceof DatabaseUnavailableError) {
      // One sentence an operator can act on; the stack trace of SQLite's binding would only hide it.
      const [nl, en] = databaseProblem(error.cause);
      const path = resolve(error.path);
      console.error(`Knooppunt kan de database DATABASE_PATH=${path} niet gebruiken: ${nl}. / Knooppunt cannot use the database DATABASE_PATH=${path}: ${en}.`);
      process.exit(1);
    }
    if (code === "EADDRINUSE") {
      console.error(`Port ${config.port} is already in use. Stop the other process or start with PORT=<another port>.`);
      process.exit(1);
    }
    throw error;
  }

  const extension = resolve(".output/chrome-mv3");
  const lines = [
    "",
    "Knooppunt draait / is running",
    `  Startpagina    ${server.url}/`,
    `  Webapp         ${existsSync(resolve(".output/web/index.html")) ? `${server.url}/app` : "npm run web:build → .output/web"}  (zonder extensie, ook op telefoon / without the extension, also on phones)`,
    `  Aanmelden      ${server.url}/login  (Mijn account: ${server.url}/me, beheer / administration: ${server.url}/admin)`,
    `  API            ${server.url}/api/v1  (OpenAPI: ${server.url}/api/v1/openapi.json)`,
    `  Gezondheid     ${server.url}/healthz`,
    `  Database       ${resolve(config.databasePath)}`,
    `  Extensie       ${existsSync(extension) ? extension : "npm run ext:build → .output/chrome-mv3"}  (chrome://extensions → Load unpacked)`,
  ];
  if (config.admin) lines.push(`  Beheerder      ${config.admin.email} (from KNOOPPUNT_ADMIN_EMAIL)`);
  if (server.demo && server.demo.people.length) {
    lines.push("", `Demo-aanmeldingen / demo sign-ins${server.demo.created ? " (demo network created)" : ""}:`);
    for (const p of server.demo.people) lines.push(`  ${p.roleLabel.padEnd(40)} ${p.email.padEnd(36)} ${p.password}`);
  } else if (!config.demo) {
    lines.push("", "Zonder demonetwerk / without the demo network (KNOOPPUNT_DEMO=1 seeds it).");
  }
  if (config.signInProviders.length) {
    // Operators register exactly these addresses with Entree, SURFconext, Entra ID or Google (README).
    lines.push("", "Inloggen met schoolaccount / school-account sign-in:");
    for (const p of config.signInProviders) {
      lines.push(`  ${p.id} (${p.family}) ${p.issuer}`, `    Redirect URI: ${redirectUriFor(config.publicUrl ?? server.url, p.id)}`);
    }
  }
  lines.push("", "Stop met Ctrl+C / stop with Ctrl+C.", "");
  console.log(lines.join("\n"));

  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

/**
 * `npm start`: migrate, seed, listen, and tell a newcomer where everything is.
 * `npm start -- --no-demo` (or KNOOPPUNT_DEMO=0) starts without the demo network; so does a start that
 * looks like a real installation (see loadConfig).
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { ConfigError, loadConfig } from "../config";
import { startServer } from "../server";

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

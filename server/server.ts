import { serve, type ServerType } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import { createApp } from "./app";
import { startJobs, type JobOptions } from "./jobs";
import type { ServerConfig } from "./config";
import type { AppDependencies } from "./http/env";
import { openDatabase } from "./db/client";
import { GroupCommit } from "./db/group-commit";
import type { ServiceContext } from "./core/context";
import { ensureAdmin } from "./services/accounts/accounts";
import { RateLimiter } from "./http/rate-limiter";
import { seedThemes } from "./services/taxonomy/themes";
import { seedDemo, type DemoSummary } from "./seed/demo";

export interface RunningServer {
  url: string;
  port: number;
  ctx: ServiceContext;
  demo: DemoSummary | null;
  close(): Promise<void>;
}

export interface StartOptions extends ServerConfig {
  now?: () => Date;
  loginLimits?: { perEmail: number; perAddress: number; windowMs: number };
  bodyLimitBytes?: number;
  /** Worker timings (poll interval, backoff, timeouts); tests shorten them. */
  jobs?: Omit<Partial<JobOptions>, "webhookAllowHosts" | "publicUrl">;
  /** Adds routes beside the app's own; the benchmark mounts its baseline route this way. */
  extend?: (app: ReturnType<typeof createApp>, deps: AppDependencies) => void;
}

/**
 * Opens the database (migrating it), seeds the taxonomy, the first administrator and, when asked, the
 * demo network, and listens. Used by `npm start` and by the tests, so both run the same start-up.
 */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const database = openDatabase(options.databasePath);
  const now = options.now ?? (() => new Date());
  const ctx: ServiceContext = { db: database.db, sqlite: database.sqlite, now };
  seedThemes(ctx);
  if (options.admin) await ensureAdmin(ctx, options.admin.email, options.admin.password);
  const demo = options.demo ? await seedDemo(ctx) : null;

  const limits = options.loginLimits ?? { perEmail: 10, perAddress: 100, windowMs: 15 * 60 * 1000 };
  const deps: AppDependencies = {
    ctx,
    publicUrl: options.publicUrl ?? "",
    trustProxy: options.trustProxy,
    limits: {
      loginPerEmail: new RateLimiter(limits.perEmail, limits.windowMs, now),
      loginPerAddress: new RateLimiter(limits.perAddress, limits.windowMs, now),
    },
    bodyLimitBytes: options.bodyLimitBytes ?? 2 * 1024 * 1024,
    writes: new GroupCommit(database.sqlite),
  };
  const app = createApp(deps);
  options.extend?.(app, deps);

  let server: ServerType;
  try {
    server = await new Promise<ServerType>((resolve, reject) => {
      const s = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, () => resolve(s));
      // A port in use reaches the caller (npm start explains it) instead of crashing the process.
      s.once("error", reject);
    });
  } catch (error) {
    database.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  const host = options.host.includes(":") ? `[${options.host}]` : options.host;
  const url = `http://${host}:${port}`;
  // Without PUBLIC_URL, links point at the address the server really listens on (port 0 picks one).
  deps.publicUrl = options.publicUrl ?? url;
  const stopJobs = startJobs(ctx, { ...options.jobs, webhookAllowHosts: options.webhookAllowHosts, publicUrl: deps.publicUrl });
  return {
    url,
    port,
    ctx,
    demo,
    close: async () => {
      await stopJobs();
      await new Promise<void>((resolve, reject) => {
        if ("closeAllConnections" in server) server.closeAllConnections();
        server.close((error) => {
          database.close();
          if (error) reject(error);
          else resolve();
        });
      });
    },
  };
}

import type { SignInProviderSettings } from "./services/sign-in/providers";
import { createAdaptorServer, type ServerType } from "@hono/node-server";
import { Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createApp } from "./app";
import { startJobs, type JobOptions } from "./jobs";
import { hostForUrl, RETENTION_DEFAULTS, type RetentionSettings, type ServerConfig } from "./config";
import type { AppDependencies } from "./http/env";
import { openDatabase, SQLITE_MEMORY_DEFAULTS, type DatabaseHandle } from "./db/client";
import type { SqliteMemory } from "./db/client";
import { resolve as resolvePath } from "node:path";
import { CountingThread } from "./services/library/counting-thread";
import { keepStatisticsCurrent, optimizeAtStart } from "./db/upkeep/statistics";
import { GroupCommit } from "./db/group-commit";
import { startCheckpointer } from "./db/upkeep/checkpointer";
import { createServiceContext, type ServiceContext } from "./core/context";
import { createLinks } from "./core/links";
import { checkedPasswordCost } from "./core/passwords";
import { ensureAdmin } from "./services/accounts/accounts";
import { releaseStaleClaims } from "./http/idempotency";
import { RateLimiter } from "./http/rate-limiter";
import { spoolDirFor, sweepSpooled } from "./routes/imports/upload";
import { answerClientErrors } from "./http/client-errors";
import { seedThemes } from "./services/taxonomy/themes";
import type { DemoSummary } from "./seed/demo";
import { PAGE_FETCH_DEFAULTS, pageFetchUserAgent, type PageFetchLimits } from "./services/pages/settings";
import { IMPORT_PAGE_DEFAULTS, type ImportPageOptions } from "./services/imports/page-reader";

export interface RunningServer {
  url: string;
  port: number;
  ctx: ServiceContext;
  demo: DemoSummary | null;
  /** Where facet counts that read many saves run (facets.ts `offThread`); null for a database in memory. */
  counting: CountingThread | null;
  close(): Promise<void>;
}

export interface StartOptions extends Omit<ServerConfig, "offerKeyDays" | "retention" | "signInProviders"> {
  /** OFFER_KEY_DAYS; the default (a year) when absent. */
  offerKeyDays?: number;
  /** Absent: the defaults, as without RETENTION_* settings. */
  retention?: RetentionSettings;
  /** The school-account providers (SIGN_IN_PROVIDERS); none when absent. */
  signInProviders?: readonly SignInProviderSettings[];
  now?: () => Date;
  loginLimits?: { perEmail: number; perAddress: number; windowMs: number };
  /**
   * School-account sign-ins started per client address per window. Generous by default: a whole school
   * signs in from one address on a Monday morning; the limit is against a script filling the flow table.
   */
  signInStartLimit?: { perAddress: number; windowMs: number };
  bodyLimitBytes?: number;
  /** How long a client may take to send a whole request, headers and body; 30 s when absent. */
  requestTimeoutMs?: number;
  /**
   * scrypt's N as a power of two for new password hashes; the production cost (15, N=32768) when absent.
   * Tests lower it: every account they make and every sign-in would otherwise cost ~100 ms of CPU.
   */
  passwordCost?: number;
  /** Worker timings (poll interval, backoff, timeouts); tests shorten them. */
  jobs?: Partial<JobOptions>;
  /** Adds routes beside the app's own; the benchmark mounts its baseline route this way. */
  extend?: (app: ReturnType<typeof createApp>, deps: AppDependencies) => void;
  /** Limits of reading a page for the web app (sizes, deadlines, redirects); the production ones when absent. */
  pageFetch?: Partial<PageFetchLimits>;
  /** Pages one person may have read per window; 30 a minute when absent. */
  pageFactsLimit?: { perPerson: number; windowMs: number };
  /** How an import's pages are read afterwards (sites at once, the pause per site); `importReadPages` switches it. */
  importPages?: Partial<ImportPageOptions>;
}

/** The database at `path` could not be opened, migrated or written at start; `cause` is SQLite's or the file system's error. */
export class DatabaseUnavailableError extends Error {
  constructor(
    readonly path: string,
    cause: unknown,
  ) {
    super(`Cannot use the database at ${path}: ${(cause as Error)?.message ?? cause}`, { cause });
    this.name = "DatabaseUnavailableError";
  }
}

/**
 * Opens and migrates the database and makes the start's first write (releasing Idempotency-Keys that
 * died with the previous process): a file that cannot be opened or written fails here, named, rather than
 * at the first request.
 */
function openForStart(path: string, startedAt: Date, memory?: SqliteMemory): DatabaseHandle {
  let database: DatabaseHandle | undefined;
  try {
    database = openDatabase(path, memory);
    releaseStaleClaims(database, startedAt);
    optimizeAtStart(database.sqlite);
    return database;
  } catch (error) {
    database?.close();
    throw new DatabaseUnavailableError(path, error);
  }
}

/** Binds the port before anything else, so that links can name the address really listened on (port 0 picks one). */
function listen(server: ServerType, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // A port in use reaches the caller (npm start explains it) instead of crashing the process.
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

/**
 * Opens the database (migrating it), listens, seeds the taxonomy, the first administrator and, when
 * asked, the demo network, and starts the workers. Used by `npm start` and by the tests, so both run the
 * same start-up. Requests that arrive while the server is still seeding wait for the app.
 */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  if (options.passwordCost !== undefined) checkedPasswordCost(options.passwordCost);
  const now = options.now ?? (() => new Date());
  const database = openForStart(options.databasePath, now(), options.sqliteMemory);
  // Stopped with the server: a timer left running would hold the closed database of every server a process started.
  const stopStatistics = keepStatisticsCurrent(database.sqlite);
  const checkpointer = options.databasePath === ":memory:" ? null : startCheckpointer(database.sqlite, options.databasePath);
  const closeDatabase = async () => {
    stopStatistics();
    await checkpointer?.stop();
    database.close();
  };
  let appReady!: (app: ReturnType<typeof createApp>) => void;
  let appFailed!: (error: unknown) => void;
  const app = new Promise<ReturnType<typeof createApp>>((resolve, reject) => ((appReady = resolve), (appFailed = reject)));
  // A request that came in during a start that then failed gets an error answer, not an open connection.
  app.catch(() => {});
  const requestTimeout = options.requestTimeoutMs ?? 30_000;
  const server = createAdaptorServer({
    fetch: async (request, env) => (await app).fetch(request, env),
    // A body that trickles in (a slow or hostile client) holds a connection and a half-read request only
    // this long, instead of Node's 300 s. Node checks for overdue requests every 30 s unless told; a
    // quarter of the limit keeps the cut close to it.
    serverOptions: { requestTimeout, connectionsCheckingInterval: Math.min(5_000, Math.ceil(requestTimeout / 4)) },
  });
  try {
    await listen(server, options.port, options.host);
  } catch (error) {
    await closeDatabase();
    throw error;
  }
  // An idle keep-alive connection is closed by the client first (fetch/undici after 4 s; proxies after
  // 60 s): a server that closed it at the same moment could cut a request that was already on its way.
  // headersTimeout stays at requestTimeout (Node's default when that is given): Node counts both from a
  // request's first byte, not from when the connection fell idle, so it need not outlast keepAliveTimeout;
  // and a headersTimeout above requestTimeout makes Node swap the two, so the 66 s once set here would
  // have let a body trickle for 66 s.
  if (server instanceof HttpServer) {
    server.keepAliveTimeout = 65_000;
    answerClientErrors(server);
  }
  // After listening, an error of the listening socket (too many open files, say) is reported, not fatal.
  server.on("error", (error) => console.error("[knooppunt] server error:", error));
  const closeServer = () =>
    new Promise<void>((resolve, reject) => {
      if ("closeAllConnections" in server) server.closeAllConnections();
      server.close((error) => {
        void closeDatabase().then(() => (error ? reject(error) : resolve()), reject);
      });
    });

  const port = (server.address() as AddressInfo).port;
  const url = `http://${hostForUrl(options.host)}:${port}`;
  let started: { ctx: ReturnType<typeof createServiceContext>; demo: DemoSummary | null; stopJobs: () => Promise<void> };
  // A database in memory cannot be opened a second time by another thread: its counts stay on this one.
  const counting =
    options.databasePath === ":memory:"
      ? null
      : new CountingThread({ databasePath: resolvePath(options.databasePath), memory: options.sqliteMemory ?? SQLITE_MEMORY_DEFAULTS, linksBase: options.publicUrl ?? url });
  try {
    // Without PUBLIC_URL, links point at the address the server really listens on.
    const ctx = createServiceContext({
      db: database.db,
      sqlite: database.sqlite,
      now,
      links: createLinks(options.publicUrl ?? url),
      webhookAllowHosts: options.webhookAllowHosts,
      passwordCost: options.passwordCost,
      offerKeyDays: options.offerKeyDays,
      searchRankCap: options.searchRankCap,
      importReadsPages: options.importReadPages ?? true,
    });
    seedThemes(ctx);
    if (options.admin) await ensureAdmin(ctx, options.admin.email, options.admin.password);
    // The demo network's data is loaded only when asked for: a real installation never keeps it in memory.
    const demo = options.demo ? await (await import("./seed/demo")).seedDemo(ctx) : null;

    const limits = options.loginLimits ?? { perEmail: 10, perAddress: 100, windowMs: 15 * 60 * 1000 };
    const deps: AppDependencies = {
      ctx,
      trustProxy: options.trustProxy,
      limits: {
        loginPerEmail: new RateLimiter(limits.perEmail, limits.windowMs, now),
        loginPerAddress: new RateLimiter(limits.perAddress, limits.windowMs, now),
        signInStartsPerAddress: new RateLimiter(options.signInStartLimit?.perAddress ?? 600, options.signInStartLimit?.windowMs ?? 15 * 60 * 1000, now),
      },
      bodyLimitBytes: options.bodyLimitBytes ?? 2 * 1024 * 1024,
      // Under many writers at once, a batch waits up to 1 ms for the writers just answered (group-commit.ts).
      writes: new GroupCommit(database.sqlite, 64, 1),
      retention: options.retention ?? RETENTION_DEFAULTS,
      signInProviders: options.signInProviders ?? [],
      pageFacts: {
        settings: { ...PAGE_FETCH_DEFAULTS, ...options.pageFetch, allowHosts: options.pageFetchAllowHosts ?? [], userAgent: pageFetchUserAgent(ctx.links.base) },
        perPerson: new RateLimiter(options.pageFactsLimit?.perPerson ?? 30, options.pageFactsLimit?.windowMs ?? 60_000, now),
      },
      embedAllowOrigins: options.embedAllowOrigins ?? [],
      uploadDir: spoolDirFor(options.databasePath),
      counting,
    };
    sweepSpooled(deps.uploadDir);
    const built = createApp(deps);
    options.extend?.(built, deps);
    const importPages = { ...IMPORT_PAGE_DEFAULTS, ...options.importPages };
    started = { ctx, demo, stopJobs: startJobs(ctx, options.jobs ?? {}, deps.retention, { settings: deps.pageFacts.settings, options: importPages }) };
    appReady(built);
  } catch (error) {
    appFailed(error);
    await counting?.close();
    await closeServer();
    throw error;
  }
  const { ctx, demo, stopJobs } = started;
  return {
    url,
    port,
    ctx,
    demo,
    counting,
    close: async () => {
      await stopJobs();
      await counting?.close();
      await closeServer();
    },
  };
}

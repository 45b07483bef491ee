import { Hono, type Context, type MiddlewareHandler } from "hono";
import type { AppEnv } from "../http/env";
import { handleError } from "../http/errors";

/** A group of routes the app mounts on first use: where its paths live, and how to load its module. */
export interface RouteGroup {
  /**
   * Path patterns (relative to where the group is mounted) that cover every route of the group: "/x/*"
   * also covers "/x". Patterns of one group must not overlap, or a request would enter the group twice.
   * tests/server/lazy-route-groups.test.ts checks that they cover each route.
   */
  paths: readonly string[];
  load: () => Promise<readonly Hono<AppEnv>[]>;
}

// A request that the group's own routes do not answer carries this header out of the group, so that the
// groups after it (and in the end the app's not-found answer) get their turn, in the order they were
// registered: the same order the routes were matched in when all were mounted at start.
const NOT_HERE = "X-Knooppunt-Not-Here";

const outerContexts = new WeakMap<Request, Context<AppEnv>>();

/**
 * What the group's routes see of the request is what the app's own middleware made of it: its variables
 * (deps, ctx, viewer) and a body that middleware may already have read (a form's CSRF token).
 */
const adoptOuterContext: MiddlewareHandler<AppEnv> = async (c, next) => {
  const outer = outerContexts.get(c.req.raw);
  if (outer) {
    for (const [name, value] of Object.entries(outer.var)) c.set(name as keyof AppEnv["Variables"], value as never);
    c.req.bodyCache = outer.req.bodyCache;
  }
  await next();
};

/**
 * Middleware that loads a route group the first time a request reaches one of its paths and hands the
 * request to it. A server that is never asked for its admin pages never reads their code: each route
 * module, its page renderers and its schemas cost resident memory for as long as the process lives.
 */
function lazyRoutes(base: string, group: RouteGroup): MiddlewareHandler<AppEnv> {
  let loading: Promise<Hono<AppEnv>> | undefined;
  const mounted = async () => {
    const routes = await group.load();
    const app = new Hono<AppEnv>();
    app.onError(handleError);
    app.notFound(() => new Response(null, { status: 404, headers: { [NOT_HERE]: "1" } }));
    app.use(adoptOuterContext);
    for (const r of routes) app.route(base, r);
    return app;
  };
  return async (c, next) => {
    // A module that failed to load (a broken deployment) is tried again by the next request.
    const app = await (loading ??= mounted().catch((error) => {
      loading = undefined;
      throw error;
    }));
    outerContexts.set(c.req.raw, c);
    const res = await app.fetch(c.req.raw, c.env);
    if (res.status === 404 && res.headers.has(NOT_HERE)) {
      await next();
      return;
    }
    return res;
  };
}

/** Registers each group on `app` under `base` (relative to the app), in order. */
export function mountLazily(app: Hono<AppEnv>, base: string, groups: readonly RouteGroup[]) {
  for (const group of groups) {
    const handler = lazyRoutes(base, group);
    for (const path of group.paths) app.use(path, handler);
  }
}

/** Every group loaded and mounted as they are in the running app: the OpenAPI document is made from this. */
export async function mountEagerly(app: Hono<AppEnv>, base: string, groups: readonly RouteGroup[]) {
  for (const group of groups) for (const r of await group.load()) app.route(base, r);
}

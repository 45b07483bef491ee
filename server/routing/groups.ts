import type { RouteGroup } from "./lazy-routes";

/**
 * The API's route groups under /api/v1, in the order their routes are matched. Each is read from disk the
 * first time a request reaches one of its paths (see lazy-routes.ts); the OpenAPI document mounts them all.
 * A new group is one more entry at the end: its path patterns, and a load that imports its module.
 */
export const API_GROUPS: readonly RouteGroup[] = [
  { paths: ["/auth/*", "/me/*", "/tokens/*"], load: async () => { const m = await import("../routes/auth"); return [m.authRoutes, m.accountRoutes]; } },
  { paths: ["/me/*"], load: async () => [(await import("../routes/me")).meRoutes] },
  { paths: ["/admin/*"], load: async () => [(await import("../routes/admin")).adminRoutes] },
  { paths: ["/themes/*"], load: async () => [(await import("../routes/themes")).themeRoutes] },
  { paths: ["/schools/*", "/institutes/*", "/communities/*"], load: async () => [(await import("../routes/directory")).directoryRoutes] },
  { paths: ["/items/*", "/saves/*"], load: async () => [(await import("../routes/items")).itemRoutes] },
  { paths: ["/bundles/*", "/brokers/*"], load: async () => [(await import("../routes/bundles")).bundleRoutes] },
  { paths: ["/bundles/*", "/schools/*", "/offers/*"], load: async () => [(await import("../routes/offers")).offerRoutes] },
  { paths: ["/schools/*"], load: async () => [(await import("../routes/subscriptions")).subscriptionRoutes] },
  { paths: ["/me/*"], load: async () => [(await import("../routes/accounts/sessions")).sessionRoutes] },
  { paths: ["/admin/*"], load: async () => [(await import("../routes/accounts/password-reset")).passwordResetAdminRoutes] },
  { paths: ["/me/*"], load: async () => [(await import("../routes/school-accounts/identities")).identityRoutes] },
  { paths: ["/auth/*"], load: async () => [(await import("../routes/accounts/device-sign-in")).deviceCodeRoutes] },
  { paths: ["/pages/*"], load: async () => [(await import("../routes/clipping/page-facts")).pageFactsRoutes] },
  { paths: ["/questions/*"], load: async () => [(await import("../routes/questions/questions")).questionRoutes] },
  { paths: ["/imports/*"], load: async () => [(await import("../routes/imports/imports")).importRoutes] },
  { paths: ["/exports/*"], load: async () => [(await import("../routes/exports/exports")).exportRoutes] },
];

/** The pages, feeds and the web app at the root, in the order their routes are matched; as API_GROUPS. */
export const PAGE_GROUPS: readonly RouteGroup[] = [
  { paths: ["/b/*"], load: async () => [(await import("../routes/bundle-pages")).bundlePageRoutes] },
  { paths: ["/feeds/*", "/t/*"], load: async () => [(await import("../routes/feeds")).feedRoutes] },
  { paths: ["/", "/privacy"], load: async () => [(await import("../routes/home")).homeRoutes] },
  { paths: ["/login/*", "/logout/*", "/me/*"], load: async () => [(await import("../routes/accounts/web-auth")).webAuthRoutes] },
  { paths: ["/reset/*"], load: async () => [(await import("../routes/accounts/password-reset")).passwordResetPageRoutes] },
  { paths: ["/auth/*"], load: async () => [(await import("../routes/school-accounts/sign-in")).signInRoutes] },
  { paths: ["/auth/*"], load: async () => [(await import("../routes/accounts/device-sign-in")).devicePageRoutes] },
  // The hand-over pages sit behind the admin pages' checks (web session, administrator, CSRF): one group.
  {
    paths: ["/admin/*"],
    load: async () => {
      const [admin, handOver] = await Promise.all([import("../routes/pages/admin/routes"), import("../routes/pages/hand-over")]);
      return [admin.adminPageRoutes, handOver.handOverPageRoutes];
    },
  },
  { paths: ["/app/*"], load: async () => [(await import("../routes/pages/web-app")).webAppRoutes] },
  { paths: ["/teams/*"], load: async () => [(await import("../routes/pages/teams")).teamsRoutes] },
];

import type { RetentionSettings } from "../config";
import type { SignInProviderSettings } from "../services/sign-in/providers";
import type { ServiceContext } from "../core/context";
import type { SignedInViewer, Viewer } from "../core/viewer";
import type { GroupCommit } from "../db/group-commit";
import type { ClaimedKey } from "./idempotency";
import type { RateLimiter } from "./rate-limiter";
import type { PageFetchSettings } from "../services/pages/settings";
import type { CountingThread } from "../services/library/counting-thread";

export interface AppDependencies {
  ctx: ServiceContext;
  trustProxy: boolean;
  limits: {
    /** Login attempts per e-mail address per window. */
    loginPerEmail: RateLimiter;
    /** Login attempts per client address per window. */
    loginPerAddress: RateLimiter;
    /** School-account sign-ins started per client address per window (each stores a flow for ten minutes). */
    signInStartsPerAddress?: RateLimiter;
  };
  bodyLimitBytes: number;
  /** Clips that arrive together share a commit. */
  writes: GroupCommit;
  /** How long sessions, unused tokens and delivery logs are kept: the purge job and the privacy page. */
  retention: RetentionSettings;
  /** The school-account providers the operator configured (none: only password sign-in). */
  signInProviders: readonly SignInProviderSettings[];
  /** Reading pages for the web app's clip form: the fetch's rules and limits, and each person's budget. */
  pageFacts: { settings: PageFetchSettings; perPerson: RateLimiter };
  /** Sites besides Teams and SharePoint that may frame bundle and theme pages (EMBED_ALLOW_ORIGINS). */
  embedAllowOrigins?: readonly string[];
  /** Where an import's file waits while it is read (routes/imports/upload.ts). */
  uploadDir: string;
  /** Facet counts that read many saves run here, off the server's thread (facets.ts `offThread`); none for a database in memory. */
  counting: CountingThread | null;
}

export interface AppEnv {
  Variables: {
    deps: AppDependencies;
    ctx: ServiceContext;
    viewer: Viewer;
    /** The Idempotency-Key this request claimed, if it sent one (set by the `idempotent` middleware). */
    idempotencyClaim: ClaimedKey | undefined;
  };
}

/** After `requireUser` the viewer is known to be signed in. */
export interface SignedInEnv extends AppEnv {
  Variables: AppEnv["Variables"] & { viewer: SignedInViewer };
}

import type { CommunityRole, SchoolRole, UserRole } from "../../shared/schemas";

/**
 * Who is asking. Every read path takes a Viewer and hands it to the visibility rules; a signed-in viewer
 * carries their memberships so those rules need no extra look-ups.
 */
export interface SignedInViewer {
  kind: "user";
  user: { id: string; name: string; email: string | null; roles: UserRole[] };
  schools: { id: string; name: string; role: SchoolRole }[];
  communities: { id: string; name: string; role: CommunityRole }[];
  tokenId: string;
}

/**
 * Besides people, two audiences read the library: the public (anonymous: public feeds and pages) and
 * "the network" (any signed-in member, as school feeds, network bundles and webhooks see it).
 */
export type Viewer = { kind: "anonymous" } | { kind: "network" } | SignedInViewer;

export const ANONYMOUS: Viewer = { kind: "anonymous" };
export const NETWORK_AUDIENCE: Viewer = { kind: "network" };

/** The audience a published bundle is for, as a viewer of the library. */
export const audienceViewer = (audience: "public" | "network"): Viewer => (audience === "public" ? ANONYMOUS : NETWORK_AUDIENCE);

export const isAdmin = (viewer: Viewer) => viewer.kind === "user" && viewer.user.roles.includes("admin");
export const isBroker = (viewer: Viewer) => viewer.kind === "user" && viewer.user.roles.includes("broker");

/**
 * The saves a viewer may see, as data: `services/access/visibility.ts` derives it from the viewer (that is
 * where the rule is decided), and `db/visibility.ts` renders it into every read's SQL.
 */
export interface SaveScope {
  /** The viewer's own saves, whatever their circle. */
  ownerId: string | null;
  /** The open circles this viewer reads: `public`, and for signed-in people and the network also `network`. */
  open: readonly ("public" | "network")[];
  schoolIds: readonly string[];
  communityIds: readonly string[];
}

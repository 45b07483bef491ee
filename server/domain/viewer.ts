import type { CommunityRole, SchoolRole, UserRole } from "../../shared/schemas";

/**
 * Who is asking. Every read path takes a Viewer and hands it to the visibility rules; a signed-in viewer
 * carries their memberships so those rules need no extra look-ups.
 */
export interface SignedInViewer {
  kind: "user";
  user: { id: string; name: string; email: string; roles: UserRole[] };
  schools: { id: string; name: string; role: SchoolRole }[];
  communities: { id: string; name: string; role: CommunityRole }[];
  tokenId: string;
}

export type Viewer = { kind: "anonymous" } | SignedInViewer;

export const ANONYMOUS: Viewer = { kind: "anonymous" };

export const isAdmin = (viewer: Viewer) => viewer.kind === "user" && viewer.user.roles.includes("admin");
export const isBroker = (viewer: Viewer) => viewer.kind === "user" && viewer.user.roles.includes("broker");

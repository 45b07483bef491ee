/** People, sign-in and API tokens (API.md "Auth" and "Administration: people"). */
import { z } from "zod";
import { CommunityRole, Email, Id, Password, SchoolRole, trimmed, UserRole } from "./common";

export const User = z.object({
  id: z.string(),
  name: z.string(),
  /** null for people who sign in only with their school account and whose provider gave no e-mail. */
  email: z.string().nullable(),
  roles: z.array(UserRole),
});
export type User = z.infer<typeof User>;

export const LoginRequest = z.object({
  email: Email,
  password: z.string().min(1).max(200),
  deviceName: trimmed(100).min(1).optional(),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const LoginResponse = z.object({ token: z.string(), user: User });

export const MeResponse = z.object({
  user: User,
  schools: z.array(z.object({ id: z.string(), name: z.string(), role: SchoolRole })),
  communities: z.array(z.object({ id: z.string(), name: z.string(), role: CommunityRole })),
  /** Teacher-education institutes (pabo, lerarenopleiding, universiteit) the person belongs to. */
  institutes: z.array(z.object({ id: z.string(), name: z.string(), role: SchoolRole })).optional(),
  /** The name the person chose for what others see; null: the default. */
  displayName: z.string().nullable().optional(),
  /** How readers without an account see the person now (the chosen name, else first name and school). */
  publicName: z.string().optional(),
  /** The school accounts the person signs in with (issue #13). */
  identities: z
    .array(
      z.object({
        id: z.string(),
        /** The operator's id of the provider (SIGN_IN_PROVIDERS). */
        provider: z.string(),
        /** How the provider's claims are read; null when the provider is no longer configured. */
        family: z.enum(["entree", "surfconext", "entra", "google"]).nullable(),
        /** As the provider last said; never used to find anyone. */
        email: z.string().nullable(),
        /** The organisation the claims named at the last sign-in (BRIN code, domain, tenant). */
        organisation: z.string().nullable(),
        createdAt: z.string(),
        lastUsedAt: z.string().nullable(),
      }),
    )
    .optional(),
});
export type MeResponse = z.infer<typeof MeResponse>;

export const ApiToken = z.object({
  id: z.string(),
  name: z.string(),
  /** `login`: a device's sign-in (the extension), `api`: a named token, `web`: a browser session. */
  kind: z.enum(["login", "api", "web"]),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  current: z.boolean(),
});
export type ApiToken = z.infer<typeof ApiToken>;

export const CreateTokenRequest = z.object({ name: trimmed(100).min(1) });
export const TokensResponse = z.object({ tokens: z.array(ApiToken) });
export const CreatedTokenResponse = z.object({ token: ApiToken, secret: z.string() });

// ---------------------------------------------------------------------------------------------------
// Administration

export const CreateUserRequest = z.object({
  name: trimmed(200).min(1),
  email: Email,
  password: Password,
  roles: z.array(UserRole).max(2).optional(),
  disabled: z.boolean().optional(),
});
export const UpdateUserRequest = CreateUserRequest.partial();
export const AdminUser = User.extend({ disabled: z.boolean(), createdAt: z.string() });
export const AdminUserResponse = z.object({ user: AdminUser });

// ---------------------------------------------------------------------------------------------------
// The person's own data (AVG): their name for others, their export, deleting their account

/** An empty name clears the choice: others then see the default. */
export const UpdateMeRequest = z.object({
  displayName: trimmed(80)
    .nullable()
    .transform((v) => (v ? v : null)),
});
export type UpdateMeRequest = z.infer<typeof UpdateMeRequest>;

export const ExportFormat = z.enum(["json", "csv", "html"]);
export type ExportFormat = z.infer<typeof ExportFormat>;
export const ExportQuery = z.object({ format: ExportFormat.default("json") });

/** What happens to work shared with others: handed over as "oud-collega / former colleague", or removed. */
export const SharedWork = z.enum(["handOver", "remove"]);
export type SharedWork = z.infer<typeof SharedWork>;

export const DeleteMeRequest = z.object({
  /** The person's own e-mail address (their name when they have none), typed to confirm. */
  confirm: z.string().max(320),
  sharedWork: SharedWork.optional(),
});
export type DeleteMeRequest = z.infer<typeof DeleteMeRequest>;

export const AdminDeleteUserRequest = z.object({
  sharedWork: SharedWork.optional(),
  /** A broker who receives the bundles nobody else curates (else they stay with "oud-collega"). */
  handOverTo: Id.optional(),
  /** Per community the person owns, the member who owns it next (as in the hand-over when disabling). */
  communityOwners: z.array(z.object({ communityId: Id, userId: Id })).max(200).optional(),
});

export const DeletionCounts = z.object({
  savesRemoved: z.number().int(),
  savesHandedOver: z.number().int(),
  bundlesHandedOver: z.number().int(),
  bundlesRemoved: z.number().int(),
  tokens: z.number().int(),
  memberships: z.number().int(),
  idempotencyKeys: z.number().int(),
});
export const DeletionResponse = z.object({ deleted: DeletionCounts });

export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  /** `userId` is null for operators on the server's machine, and once the administrator's account is gone. */
  actor: z.object({ kind: z.enum(["admin", "operator"]), userId: z.string().nullable() }),
  action: z.string(),
  subject: z.object({ kind: z.string(), id: z.string().nullable() }),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
export const AuditLogResponse = z.object({ entries: z.array(AuditEntry), nextCursor: z.string().nullable() });

/** One place a person is signed in: a browser (`web`), a device such as the extension (`login`), or a named API token. */
export const SessionView = z.object({
  id: z.string(),
  kind: z.enum(["web", "login", "api"]),
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  /** Web sessions end at this time; other tokens end by retention or revocation (null). */
  expiresAt: z.string().nullable(),
  /** The session or token this request was made with. */
  current: z.boolean(),
});
export const SessionsResponse = z.object({ sessions: z.array(SessionView) });

/** What the web app needs from its browser session: the token its writes carry in `X-CSRF-Token`. */
export const WebSessionResponse = z.object({ csrfToken: z.string() });
export type WebSessionResponse = z.infer<typeof WebSessionResponse>;

export const ChangePasswordRequest = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: Password,
});
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;

/** A one-time password reset link, for the administrator to hand over until Knooppunt sends mail. */
export const PasswordResetLinkResponse = z.object({ url: z.string(), expiresAt: z.string() });

/** One school account of the person's, as /me lists it. */
export const IdentityView = MeResponse.shape.identities.unwrap().element;
export type IdentityView = z.infer<typeof IdentityView>;
export const IdentityIdParam = z.object({ id: z.string().min(1).max(100) });

/** The extension trades the one-time code from /auth/device for a device token (issue #13). */
export const DeviceCodeExchangeRequest = z.object({
  code: z.string().min(1).max(200),
  deviceName: trimmed(100).min(1).optional(),
});
export type DeviceCodeExchangeRequest = z.infer<typeof DeviceCodeExchangeRequest>;

// ---------------------------------------------------------------------------------------------------
// Administration: finding people, and how each signs in

export const AdminUsersQuery = z.object({
  /** Part of a name or an e-mail address; case does not matter. */
  q: trimmed(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
});
export type AdminUsersQuery = z.infer<typeof AdminUsersQuery>;

/** A school account linked to a person, as administrators see it (never its subject). */
export const AdminIdentity = z.object({
  provider: z.string(),
  email: z.string().nullable(),
  organisation: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
export const AdminUserDetails = AdminUser.extend({ hasPassword: z.boolean(), identities: z.array(AdminIdentity) });
export type AdminUserDetails = z.infer<typeof AdminUserDetails>;
export const AdminUserDetailsResponse = z.object({ user: AdminUserDetails });
export const AdminUsersResponse = z.object({ users: z.array(AdminUserDetails), nextCursor: z.string().nullable() });

/** A person's memberships, for the administration pages and API. */
export const AdminUserMemberships = z.object({
  schools: z.array(z.object({ id: z.string(), name: z.string(), role: SchoolRole })),
  institutes: z.array(z.object({ id: z.string(), name: z.string(), role: SchoolRole })),
  communities: z.array(z.object({ id: z.string(), name: z.string(), role: CommunityRole })),
});

/** People, sign-in and API tokens (API.md "Auth" and "Administration: people"). */
import { z } from "zod";
import { CommunityRole, Email, Password, SchoolRole, trimmed, UserRole } from "./common";

export const User = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
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
});
export type MeResponse = z.infer<typeof MeResponse>;

export const ApiToken = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(["login", "api"]),
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

import { createHash, randomBytes } from "node:crypto";

/** Short, url-safe, unguessable ids: an id never reveals how many items or people exist. */
export const newId = () => randomBytes(12).toString("base64url");

export const newSecret = (prefix: string) => `${prefix}_${randomBytes(32).toString("base64url")}`;

export const sha256Hex = (value: string) => createHash("sha256").update(value).digest("hex");

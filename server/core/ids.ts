import { createHash, randomBytes } from "node:crypto";

/**
 * Short, url-safe, unguessable ids: an id never reveals how many items or people exist. An id never
 * starts with '-' or '_', so a command line (`npm run admin -- school:member <id> …`) never reads one as
 * an option; one draw in 32 is taken again, which costs nothing worth counting.
 */
export function newId(): string {
  for (;;) {
    const id = randomBytes(12).toString("base64url");
    if (/^[A-Za-z0-9]/.test(id)) return id;
  }
}

export const newSecret = (prefix: string) => `${prefix}_${randomBytes(32).toString("base64url")}`;

export const sha256Hex = (value: string) => createHash("sha256").update(value).digest("hex");

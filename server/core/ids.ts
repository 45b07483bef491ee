import { createHash, randomBytes } from "node:crypto";

/**
 * Short, url-safe, unguessable ids: an id never reveals how many items or people exist. An id never
 * starts with '-' or '_', so a command line (`npm run admin -- school:member <id> …`) never reads one as
 * an option; one draw in 32 is taken again, which costs nothing worth counting.
 */
export function newId(): string {
  for (;;) {
    const id = randomTwelve().toString("base64url");
    if (/^[A-Za-z0-9]/.test(id)) return id;
  }
}

// The random bytes of 256 ids are drawn at once: one call into the CSPRNG per id was a tenth of an
// import's time in its write path (an import of 100,000 links makes 100,000 ids). Each byte is used once.
const POOLED = 256;
let pool = Buffer.alloc(0);
let drawn = 0;

function randomTwelve(): Buffer {
  if (drawn + 12 > pool.length) {
    pool = randomBytes(12 * POOLED);
    drawn = 0;
  }
  drawn += 12;
  return pool.subarray(drawn - 12, drawn);
}

export const newSecret = (prefix: string) => `${prefix}_${randomBytes(32).toString("base64url")}`;

export const sha256Hex = (value: string) => createHash("sha256").update(value).digest("hex");

import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

/**
 * Password hashes: scrypt, with the cost written into every hash so that a change of cost never locks
 * anybody out. The cost is scrypt's N as a power of two; 15 (N=32768) costs ~100 ms and 32 MiB per
 * check: slow for guessing, fine for a login. Only a caller that says so (the tests) hashes cheaper.
 */
export const DEFAULT_PASSWORD_COST = 15;
const MIN_PASSWORD_COST = 1;
const MAX_PASSWORD_COST = 20;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

function scryptAsync(password: string, salt: Buffer, options: ScryptOptions & { N: number; r: number }): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; twice that leaves room, and for the default cost it is the 64 MiB it always was.
  const maxmem = Math.max(64 * 1024 * 1024, 256 * options.N * options.r);
  return new Promise((resolve, reject) =>
    scrypt(password, salt, KEY_LENGTH, { ...options, maxmem }, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/** The cost itself when scrypt can use it; a server checks it at start rather than at the first new password. */
export function checkedPasswordCost(cost: number): number {
  if (!Number.isInteger(cost) || cost < MIN_PASSWORD_COST || cost > MAX_PASSWORD_COST) {
    throw new RangeError(`The password cost must be a whole number from ${MIN_PASSWORD_COST} to ${MAX_PASSWORD_COST} (scrypt N = 2^cost), not ${cost}.`);
  }
  return cost;
}

export async function hashPassword(password: string, cost: number = DEFAULT_PASSWORD_COST): Promise<string> {
  const N = 2 ** checkedPasswordCost(cost);
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, { N, r: R, p: P });
  return `scrypt$${N}$${R}$${P}$${salt.toString("base64url")}$${key.toString("base64url")}`;
}

/** Checks a password against a stored hash, at the cost that hash was made with. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split("$");
  if (scheme !== "scrypt" || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, "base64url");
  const actual = await scryptAsync(password, Buffer.from(salt, "base64url"), { N: Number(n), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * Spent on unknown e-mail addresses so that response time does not reveal which addresses exist; at the
 * cost new passwords are hashed with, since that is what a known address costs.
 */
const dummyHashes = new Map<number, Promise<string>>();
export async function burnPasswordCheck(password: string, cost: number = DEFAULT_PASSWORD_COST): Promise<void> {
  let dummy = dummyHashes.get(cost);
  if (!dummy) dummyHashes.set(cost, (dummy = hashPassword("knooppunt-timing-equaliser", cost)));
  await verifyPassword(password, await dummy);
}

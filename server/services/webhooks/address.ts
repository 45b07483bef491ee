/**
 * Where a webhook may be sent. A coordinator types the URL, so without these checks Knooppunt would post
 * on their behalf into its own network: to the database admin on localhost, a router on 192.168.x, or a
 * cloud metadata service. Only public unicast addresses pass (ipaddr.js names every other range), unless
 * the operator allow-listed the host (WEBHOOK_ALLOW_HOSTS), which also permits plain http.
 *
 * The check runs at registration and again before every send, and the send connects to exactly the
 * address that was checked, so a DNS answer that changes in between (rebinding) cannot slip through.
 */
import { lookup } from "node:dns/promises";
import type { LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";
import type { WebhookUrlRefusal } from "../../../shared/schemas";

export class WebhookAddressError extends Error {
  constructor(
    /** Which rule refused it, for a client to say in the person's language. */
    readonly reason: WebhookUrlRefusal,
    message: string,
  ) {
    super(message);
    this.name = "WebhookAddressError";
  }
}

export interface WebhookTarget {
  url: URL;
  /** Host name without IPv6 brackets, as the request and TLS (SNI) use it. */
  hostname: string;
  /** The checked address to connect to; null for allow-listed hosts, which resolve normally. */
  address: { address: string; family: 4 | 6 } | null;
}

const RANGE_NAMES: Record<string, string> = {
  private: "private",
  loopback: "loopback",
  linkLocal: "link-local (this includes cloud metadata services)",
  carrierGradeNat: "carrier-grade NAT",
  uniqueLocal: "unique-local IPv6",
  unspecified: "unspecified",
  broadcast: "broadcast",
  multicast: "multicast",
  reserved: "reserved",
  rfc6145: "IPv4-translated IPv6",
  rfc6052: "NAT64",
  "6to4": "6to4 (IPv4 tunnelled in IPv6)",
  teredo: "Teredo (IPv4 tunnelled in IPv6)",
};

const rangeName = (range: string) => (range === "unicast" ? null : (RANGE_NAMES[range] ?? range));
const ipv4Of = (high: number, low: number) => ipaddr.fromByteArray([high >> 8, high & 0xff, low >> 8, low & 0xff]).toString();

/**
 * IPv6 addresses that carry an IPv4 address inside them reach that IPv4 host through a translator or
 * tunnel, so the public-address rule has to look through them. Only the well-known NAT64 prefix
 * (64:ff9b::/96) is let through, and only around a public IPv4 address: a server on an IPv6-only
 * network with DNS64 sees every IPv4-only receiver that way. The others have no use a school's receiver
 * needs (IPv4-compatible ::/96 is deprecated, 6to4 and Teredo are retired tunnels, 64:ff9b:1::/48 is a
 * local prefix whose embedding we cannot know), so they are refused whatever they carry.
 */
function refusedIpv6(address: ipaddr.IPv6): string | null {
  const range = address.range();
  const [a, b, c, d, e, f, g, h] = address.parts as [number, number, number, number, number, number, number, number];
  const embedded = ipv4Of(g, h);
  // ::/96 minus :: and ::1, which ipaddr.js names (unspecified, loopback) and so are not "unicast".
  if (range === "unicast" && a === 0 && b === 0 && c === 0 && d === 0 && e === 0 && f === 0) return `IPv4-compatible (deprecated, carrying ${embedded})`;
  if (range === "rfc6052") {
    if (b !== 0xff9b || c !== 0) return "local-use NAT64";
    const refused = refusedRange(embedded);
    return refused && `NAT64 (carrying the ${refused} address ${embedded})`;
  }
  return rangeName(range);
}

/** Why an address may not be a webhook's target, or null when it is a public unicast address. */
export function refusedRange(address: string): string | null {
  if (!ipaddr.isValid(address)) return "unparseable";
  // ipaddr.process turns IPv4-mapped IPv6 (::ffff:10.0.0.1) back into the IPv4 address it hides.
  const parsed = ipaddr.process(address);
  return parsed.kind() === "ipv6" ? refusedIpv6(parsed as ipaddr.IPv6) : rangeName(parsed.range());
}

const isAllowListed = (hostname: string, allowHosts: readonly string[]) => allowHosts.includes(hostname.toLowerCase());

/**
 * Checks a webhook URL and resolves it to the one address a request may go to. Throws a
 * WebhookAddressError whose message can be shown to the coordinator as it is.
 */
export async function resolveWebhookTarget(raw: string, allowHosts: readonly string[]): Promise<WebhookTarget> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookAddressError("invalid_url", "The webhook URL is not a valid URL.");
  }
  const hostname = url.hostname.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  const allowed = isAllowListed(hostname, allowHosts);
  if (url.protocol !== "https:" && !(allowed && url.protocol === "http:")) {
    throw new WebhookAddressError("https_required", "Webhook URLs must use https.");
  }
  if (url.username || url.password) {
    throw new WebhookAddressError("credentials", "Leave the user name and password out of the webhook URL; put any secret in its path or query.");
  }
  if (allowed) return { url, hostname, address: null };

  if (ipaddr.isValid(hostname)) {
    const refused = refusedRange(hostname);
    if (refused) throw new WebhookAddressError("internal_address", `${hostname} is a ${refused} address; webhooks may only go to public internet addresses.`);
    return { url, hostname, address: { address: hostname, family: hostname.includes(":") ? 6 : 4 } };
  }

  let addresses: { address: string; family: number }[];
  try {
    addresses = await lookup(hostname, { all: true, verbatim: true });
  } catch {
    throw new WebhookAddressError("unresolvable", `The host ${hostname} cannot be resolved.`);
  }
  if (addresses.length === 0) throw new WebhookAddressError("unresolvable", `The host ${hostname} cannot be resolved.`);
  // Every address must pass: a client could connect to any of them.
  for (const { address } of addresses) {
    const refused = refusedRange(address);
    if (refused) {
      throw new WebhookAddressError("internal_address", `${hostname} resolves to ${address}, a ${refused} address; webhooks may only go to public internet addresses.`);
    }
  }
  const first = addresses[0]!;
  return { url, hostname, address: { address: first.address, family: first.family === 6 ? 6 : 4 } };
}

/**
 * The `lookup` a request to a checked target connects with: always the one address that was checked, so a
 * DNS answer that changes after the check (rebinding) is never asked for. Undefined for allow-listed hosts,
 * which resolve normally.
 */
export function lookupPinnedTo(target: WebhookTarget): LookupFunction | undefined {
  const pinned = target.address;
  if (!pinned) return undefined;
  return (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address: pinned.address, family: pinned.family }]);
    else callback(null, pinned.address, pinned.family);
  };
}

/**
 * Reads one page from the web for a person who gave its address. Knooppunt does the request, so the
 * webhook address rules apply (./../webhooks/address.ts): public https addresses only unless the operator
 * allow-listed the host, checked again for every redirect (followed here, at most `maxRedirects`), and
 * each request connects to exactly the address that was checked. What comes back is bounded before it
 * is read: only HTML and PDF, refused on the headers alone otherwise; the body cut the moment it passes
 * the size limit; the whole read cut at a deadline and a silent connection cut sooner.
 */
import http from "node:http";
import https from "node:https";
import type { Readable } from "node:stream";
import zlib from "node:zlib";
import { lookupPinnedTo, resolveWebhookTarget, WebhookAddressError, type WebhookTarget } from "../webhooks/address";
import { pageRefused } from "./refusal";
import type { PageFetchSettings } from "./settings";

export interface FetchedPage {
  /** Where the page was found: the address asked for after its redirects. */
  url: string;
  type: "html" | "pdf";
  /** The Content-Type header as sent, for its charset. */
  contentType: string | undefined;
  body: Buffer;
}

const HTML_TYPES = new Set(["text/html", "application/xhtml+xml"]);
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

const ADDRESS_MESSAGES: Record<WebhookAddressError["reason"], (host: string) => string> = {
  invalid_url: () => "This is not a web address Knooppunt can read.",
  https_required: () => "Knooppunt reads pages over https only.",
  credentials: () => "Leave the user name and password out of the address.",
  internal_address: (host) => `${host} is not on the public internet; Knooppunt reads only public pages.`,
  unresolvable: (host) => `The host ${host} cannot be found.`,
};

const hostOf = (raw: string) => {
  try {
    return new URL(raw).hostname;
  } catch {
    return raw;
  }
};

async function checkedTarget(url: string, settings: PageFetchSettings, remainingMs: number): Promise<WebhookTarget> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(pageRefused("too_slow", "The site's name could not be looked up in time.")), Math.max(0, remainingMs));
  });
  try {
    return await Promise.race([resolveWebhookTarget(url, settings.allowHosts), late]);
  } catch (error) {
    if (error instanceof WebhookAddressError) throw pageRefused(error.reason, ADDRESS_MESSAGES[error.reason](hostOf(url)));
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

type Answer = { kind: "redirect"; location: string } | { kind: "page"; page: FetchedPage };

/** One GET to a checked target: a redirect to follow, the page, or a refusal. */
function get(target: WebhookTarget, settings: PageFetchSettings, remainingMs: number, signal?: AbortSignal): Promise<Answer> {
  const pinnedLookup = lookupPinnedTo(target);
  const client = target.url.protocol === "https:" ? https : http;

  return new Promise<Answer>((resolve, reject) => {
    let settled = false;
    const request = client.request({
      protocol: target.url.protocol,
      hostname: target.hostname,
      port: target.url.port || undefined,
      path: `${target.url.pathname}${target.url.search}`,
      method: "GET",
      lookup: pinnedLookup,
      // A connection of its own: a pooled one could have been opened to an address checked for another request.
      agent: false,
      headers: {
        "User-Agent": settings.userAgent,
        Accept: "text/html,application/xhtml+xml;q=0.9,application/pdf;q=0.8",
        "Accept-Language": "nl,en;q=0.8,*;q=0.5",
        "Accept-Encoding": "gzip, deflate, br",
      },
    });
    const finish = (outcome: Answer | Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      signal?.removeEventListener("abort", stopped);
      // Whatever is still on its way is not wanted: close the connection rather than drain it.
      if (outcome instanceof Error || outcome.kind === "redirect") request.destroy();
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    const tooSlow = () => finish(pageRefused("too_slow", "The site took too long to send the page."));
    const deadline = setTimeout(tooSlow, Math.max(0, remainingMs));
    const stopped = () => finish(signal!.reason instanceof Error ? signal!.reason : new Error("stopped"));
    signal?.addEventListener("abort", stopped);
    request.setTimeout(settings.idleTimeoutMs, tooSlow);
    request.on("error", (error: NodeJS.ErrnoException) => {
      const unresolvable = error.code === "ENOTFOUND" || error.code === "EAI_AGAIN";
      finish(
        unresolvable
          ? pageRefused("unresolvable", ADDRESS_MESSAGES.unresolvable(target.hostname))
          : pageRefused("unreachable", `The site could not be reached (${error.code ?? error.message}).`),
      );
    });
    request.on("response", (response) => {
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (REDIRECTS.has(status) && location) {
        let next: string;
        try {
          next = new URL(location, target.url).href;
        } catch {
          return finish(pageRefused("invalid_url", "The site redirected to an address that is not valid."));
        }
        return finish({ kind: "redirect", location: next });
      }
      if (status < 200 || status > 299) {
        return finish(pageRefused("error_status", `The site answered with status ${status} instead of the page.`, status));
      }
      const contentType = response.headers["content-type"];
      const mediaType = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
      const type = HTML_TYPES.has(mediaType) ? "html" : mediaType === "application/pdf" ? "pdf" : null;
      if (!type) {
        return finish(pageRefused("unsupported_content_type", `Knooppunt reads web pages and PDFs; this address gives ${mediaType || "something without a type"}.`));
      }
      const maxBytes = type === "html" ? settings.maxHtmlBytes : settings.maxPdfBytes;
      const tooLarge = () => finish(pageRefused("too_large", `The page is larger than ${Math.round(maxBytes / 1024 / 1024)} MB; Knooppunt stopped reading it.`));
      if (Number(response.headers["content-length"]) > maxBytes) return tooLarge();
      const decoded = decoding(response, response.headers["content-encoding"]);
      if (!decoded) return finish(pageRefused("unsupported_content_type", "The site sent the page in a compression Knooppunt cannot read."));

      let wire = 0;
      response.on("data", (chunk: Buffer) => {
        wire += chunk.length;
        if (wire > maxBytes) tooLarge();
      });
      const chunks: Buffer[] = [];
      let size = 0;
      decoded.on("data", (chunk: Buffer) => {
        if (settled) return;
        size += chunk.length;
        // A small compressed body can unpack into gigabytes: the limit holds for what is unpacked too.
        if (size > maxBytes) return tooLarge();
        chunks.push(chunk);
      });
      decoded.on("end", () => finish({ kind: "page", page: { url: target.url.href, type, contentType, body: Buffer.concat(chunks, size) } }));
      decoded.on("error", () => finish(pageRefused("unreachable", "The site's answer broke off or could not be unpacked.")));
      response.on("aborted", () => finish(pageRefused("unreachable", "The site's answer broke off.")));
    });
    request.end();
  });
}

function decoding(response: Readable, encoding: string | undefined): Readable | null {
  const name = (encoding ?? "identity").trim().toLowerCase();
  if (name === "identity" || name === "") return response;
  const decoder =
    name === "gzip" || name === "x-gzip" ? zlib.createGunzip() : name === "deflate" ? zlib.createInflate() : name === "br" ? zlib.createBrotliDecompress() : null;
  if (!decoder) return null;
  response.on("error", (error) => decoder.destroy(error));
  return response.pipe(decoder);
}

/**
 * Reads the page at `rawUrl`, following redirects under the same rules; throws a page_* refusal (422),
 * or the signal's reason when it is aborted (a server stopping closes its reads at once).
 */
export async function fetchPage(rawUrl: string, settings: PageFetchSettings, signal?: AbortSignal): Promise<FetchedPage> {
  const started = performance.now();
  const remaining = () => settings.timeoutMs - (performance.now() - started);
  let url = rawUrl;
  for (let redirects = 0; ; redirects++) {
    const target = await checkedTarget(url, settings, remaining());
    signal?.throwIfAborted();
    const answer = await get(target, settings, remaining(), signal);
    if (answer.kind === "page") return answer.page;
    if (redirects >= settings.maxRedirects) {
      throw pageRefused("too_many_redirects", `The site redirected more than ${settings.maxRedirects} times.`);
    }
    url = answer.location;
  }
}

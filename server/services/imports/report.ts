/**
 * The report of an import as CSV, one line per link of the file in its order: what happened to it and
 * why, for a spreadsheet. Cells that a spreadsheet would run as a formula are quoted as text.
 */
import type { ServiceContext } from "../../core/context";
import type { SignedInViewer } from "../../core/viewer";
import { allEntries, importOf } from "../../db/repositories/imports/jobs";
import { notFound } from "../../core/errors";
import { csvField } from "../privacy/export-formats";

const REASONS: Record<string, string> = {
  missing_url: "geen adres / no address",
  javascript: "javascript:-link / javascript: link",
  invalid_url: "geen geldig http(s)-adres / not a valid http(s) address",
  too_long: "adres te lang / address too long",
  duplicate_in_file: "dubbel in het bestand / duplicate in the file",
  not_allowed: "geen lid van de gekozen kring / not a member of the chosen circle",
};

/** Why a link's page was not read afterwards (the page_* refusals of services/pages, and what the reader adds). */
const PAGE_REASONS: Record<string, string> = {
  invalid_url: "geen adres dat Knooppunt kan lezen / not an address Knooppunt can read",
  https_required: "alleen https / https only",
  credentials: "adres met gebruikersnaam of wachtwoord / address holds a user name or password",
  internal_address: "geen openbaar adres / not a public address",
  unresolvable: "website niet gevonden / site not found",
  unreachable: "website niet bereikbaar / site could not be reached",
  too_many_redirects: "te vaak doorgestuurd / redirected too often",
  too_large: "pagina te groot / page too large",
  too_slow: "website te traag / site too slow",
  unsupported_content_type: "geen webpagina of PDF / not a web page or PDF",
  error_status: "website gaf een foutmelding / the site answered with an error",
  unusable: "pagina onbruikbaar / page could not be used",
  unreadable: "pagina niet te lezen / page could not be read",
  text_left_out: "paginatekst weggelaten: leek leerlinggegevens te bevatten / page text left out: it looked like pupil data",
};

const cell = (value: string | number | null) => csvField(value === null ? "" : String(value));

export function* importReportCsv(ctx: ServiceContext, viewer: SignedInViewer, id: string): Generator<string> {
  const job = importOf(ctx, id, viewer.user.id);
  if (!job) throw notFound("import");
  yield "position,url,title,folder,outcome,reason,reason_text,item_id,page,page_reason,page_reason_text\r\n";
  for (const entry of allEntries(ctx, id)) {
    // Before the run reaches a link, the report says what the review expects: skipped with its reason, or pending.
    const outcome = entry.outcome ?? (entry.skipReason ? "skipped" : job.status === "cancelled" ? "cancelled" : "pending");
    const reason = outcome === "skipped" ? entry.skipReason : null;
    yield [entry.position + 1, entry.url, entry.title, entry.folder.join("/"), outcome, reason, reason ? (REASONS[reason] ?? reason) : null, entry.itemId, entry.pageState, entry.pageError, entry.pageError ? (PAGE_REASONS[entry.pageError] ?? entry.pageError) : null]
      .map(cell)
      .join(",")
      .concat("\r\n");
  }
}

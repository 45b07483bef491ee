import { describe, expect, it } from "vitest";
import { apiErrorKey, translate } from "../../shared/i18n";
import { PAGE_FETCH_REFUSALS } from "../../shared/schemas";

// The server's messages are English; the web app shows a refusal from its code, in the person's language.

describe("the refusals of POST /api/v1/pages/facts", () => {
  it("each have a sentence in Dutch and in English, found by their code", () => {
    const missing = PAGE_FETCH_REFUSALS.filter((reason) => apiErrorKey(`page_${reason}`) === null);
    expect(missing).toEqual([]);
  });

  it("read as written for the one a person meets most", () => {
    const key = apiErrorKey("page_internal_address")!;
    expect([translate("nl", key), translate("en", key)]).toEqual([
      "Dit adres is niet openbaar op internet (een intranet of een apparaat in het netwerk); Knooppunt leest alleen openbare pagina's.",
      "This address is not public on the internet (an intranet or a device in the network); Knooppunt reads only public pages.",
    ]);
  });
});

/**
 * The one rule the subscriptions screen, the server's log and the delivery log use to leave a Workflows
 * URL's secret out: the value of `sig=` in a query, wherever the URL stands in a text.
 */
import { describe, expect, it } from "vitest";
import { maskWebhookSecrets } from "../../shared/webhook-url";

const FLOW = "https://prod-12.westeurope.logic.azure.com:443/workflows/0a1b/triggers/manual/paths/invoke";

describe("maskWebhookSecrets", () => {
  it("replaces the signature's value, keeps the rest of the URL to tell webhooks apart", () => {
    expect(maskWebhookSecrets(`${FLOW}?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=AbC-123_xyz`)).toBe(
      `${FLOW}?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=…`,
    );
    expect(maskWebhookSecrets(`${FLOW}?SIG=geheim&api-version=1#top`)).toBe(`${FLOW}?SIG=…&api-version=1#top`);
  });

  it("finds every URL in a longer text, and leaves alone what is no signature", () => {
    expect(maskWebhookSecrets(`insert failed: ("${FLOW}?sig=een", '${FLOW}?a=1&sig=twee') <${FLOW}?sig=drie>`)).toBe(
      `insert failed: ("${FLOW}?sig=…", '${FLOW}?a=1&sig=…') <${FLOW}?sig=…>`,
    );
    expect(maskWebhookSecrets("https://hooks.example.org/x?design=1&signature=blijft&sigma=ook")).toBe("https://hooks.example.org/x?design=1&signature=blijft&sigma=ook");
  });
});

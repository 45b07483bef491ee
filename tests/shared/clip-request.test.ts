import { describe, expect, it } from "vitest";
import { requestFromTab } from "../../shared/clip-request";
import { CreateItemRequest } from "../../shared/schemas";
import { LIMITS } from "../../shared/vocabulary";

describe("a clip made from a tab the extension could not read", () => {
  it("caps a long tab title, so the server accepts the clip instead of refusing it", () => {
    const request = requestFromTab("https://www.example.nl/verslag.pdf", `  ${"Jaarverslag onderwijs ".repeat(60)}`, null);
    expect(request.title!.length).toBe(LIMITS.title);
    expect(request.title!.startsWith("Jaarverslag")).toBe(true);
    expect(CreateItemRequest.safeParse(request).success).toBe(true);
  });

  it("keeps the address, guesses the kind from it, and takes only an http(s) icon", () => {
    expect(requestFromTab("https://www.example.nl/verslag.pdf", "", "data:image/png;base64,AAAA")).toEqual({
      url: "https://www.example.nl/verslag.pdf",
      title: undefined,
      kind: "document",
      meta: undefined,
    });
  });
});

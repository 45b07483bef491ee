import { defineUnlistedScript } from "#imports";
import { extractPage } from "../../shared/extract";

// Injected into the page only when the person clips (scripting.executeScript with activeTab); the
// returned object is the script's result.
export default defineUnlistedScript(() =>
  extractPage(document, location.href, {
    selection: window.getSelection()?.toString() ?? null,
    contentType: document.contentType,
  }),
);

/**
 * Runs in the browser on /teams/configure (compiled by server/services/teams/scripts.ts), after the Teams
 * JavaScript library. Inside Teams it tells Teams which page the tab shows, once the person chose one;
 * anywhere else initialising fails or never finishes, and the page stays what it is without script: a form
 * that shows the address to paste.
 */
import type * as TeamsJs from "@microsoft/teams-js";

declare const microsoftTeams: typeof TeamsJs;

const form = document.querySelector<HTMLFormElement>("form.choose");
const select = document.querySelector<HTMLSelectElement>("select#tab");

/** What the tab shows for the chosen option; null while nothing is chosen. */
function chosenConfig(): TeamsJs.pages.InstanceConfig | null {
  const option = select?.selectedOptions[0];
  const url = option?.dataset["url"];
  if (!option || !option.value || !url) return null;
  return { entityId: option.value, contentUrl: url, websiteUrl: url, suggestedDisplayName: (option.textContent ?? "").trim() };
}

/**
 * teams-js only listens to a parent on Microsoft's own origins. The operator's EMBED_ALLOW_ORIGINS (the
 * page's data-teams-origins) are hosts the operator already trusts to frame this page, so they may speak
 * for Teams too; there is never a wildcard for "any site".
 */
function operatorOrigins(): string[] {
  try {
    const parsed: unknown = JSON.parse(form?.dataset["teamsOrigins"] ?? "[]");
    return Array.isArray(parsed) ? parsed.filter((origin): origin is string => typeof origin === "string" && origin !== "*") : [];
  } catch {
    return [];
  }
}

function connect() {
  if (!form || !select || typeof microsoftTeams === "undefined") return;
  microsoftTeams.app.initialize(operatorOrigins()).then(
    () => {
      const config = microsoftTeams.pages.config;
      const tellValidity = () => config.setValidityState(chosenConfig() !== null);
      select.addEventListener("change", tellValidity);
      config.registerOnSaveHandler((saveEvent) => {
        const chosen = chosenConfig();
        if (!chosen) {
          saveEvent.notifyFailure("Nothing chosen");
          return;
        }
        config.setConfig(chosen).then(
          () => saveEvent.notifySuccess(),
          (error: unknown) => saveEvent.notifyFailure(error instanceof Error ? error.message : String(error)),
        );
      });
      tellValidity();
      // Reopened from the tab's Settings: start from what the tab shows now, unless the person chose already.
      microsoftTeams.pages.getConfig().then(
        (current) => {
          const entityId = current.entityId;
          if (!entityId || select.value !== "" || ![...select.options].some((option) => option.value === entityId)) return;
          select.value = entityId;
          tellValidity();
        },
        () => {
          // Without it the person just chooses again.
        },
      );
      // Teams' own Save button takes over from pasting the address.
      document.getElementById("in-teams")?.removeAttribute("hidden");
      document.documentElement.dataset["teams"] = "connected";
    },
    () => {
      // Not inside Teams (no parent, or one Teams does not recognise): the form and the address keep working.
    },
  );
}

connect();

/**
 * The library's way to the import screens: the web app's /app/import. From the side panel it opens in a
 * tab of its own (the review needs room); in the web app it is a page of the same app.
 */
import { useSession } from "../context";

export function ImportLink() {
  const { t, session } = useSession();
  const href = `${session.serverUrl}/app/import`;
  const elsewhere = typeof location !== "undefined" && new URL(href).origin !== location.origin;
  return (
    <p class="hint library-import">
      <a href={href} target={elsewhere ? "_blank" : undefined} rel={elsewhere ? "noopener" : undefined} data-testid="library-import-link">
        {t("import.fromLibrary")}
      </a>
    </p>
  );
}

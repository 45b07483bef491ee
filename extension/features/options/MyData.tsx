import { useState } from "preact/hooks";
import { deletionConfirmation } from "../../../shared/privacy/deletion-confirmation";
import { KnooppuntApi } from "../../lib/api";
import { describeError, type Translate } from "../../lib/api-error";
import type { Session } from "../../lib/storage";
import { saveFile } from "../exports/save-file";

type Format = "json" | "csv" | "html";
const FORMATS: { format: Format; label: "myData.downloadJson" | "myData.downloadCsv" | "myData.downloadHtml" }[] = [
  { format: "json", label: "myData.downloadJson" },
  { format: "csv", label: "myData.downloadCsv" },
  { format: "html", label: "myData.downloadHtml" },
];

/**
 * "Mijn gegevens": the name others see, a copy of everything (AVG), and deleting the account. Deleting
 * says what goes, asks what happens to shared work, and waits for the person's e-mail address.
 */
export function MyData({ session, t, onDeleted }: { session: Session; t: Translate; onDeleted(): Promise<void> }) {
  const api = new KnooppuntApi(session.serverUrl, session.token);
  const [displayName, setDisplayName] = useState(session.displayName ?? "");
  const [publicName, setPublicName] = useState(session.publicName ?? session.user.name);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [sharedWork, setSharedWork] = useState<"handOver" | "remove">("handOver");
  const [confirm, setConfirm] = useState("");

  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      setStatus(await work());
    } catch (err) {
      setError(describeError(err, t));
    } finally {
      setBusy(false);
    }
  };

  const saveName = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      const me = await api.setDisplayName(displayName.trim() || null);
      setPublicName(me.publicName ?? publicName);
      return t("myData.nameSaved");
    });
  };

  const download = (format: Format) =>
    run(async () => {
      const { blob, filename } = await api.exportFile(format);
      saveFile(blob, filename);
      return t("myData.downloaded", { file: filename });
    });

  const deleteAccount = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      await api.deleteAccount(confirm, sharedWork);
      await onDeleted();
      return t("myData.deleted");
    });
  };

  const expected = deletionConfirmation(session.user);
  const matches = confirm.trim().toLowerCase() === expected;
  return (
    <section aria-labelledby="my-data" data-testid="my-data">
      <h2 id="my-data">{t("myData.title")}</h2>
      <p class="hint">
        {t("myData.intro")}{" "}
        <a href={`${session.serverUrl}/privacy`} target="_blank" rel="noreferrer">
          {t("myData.privacyPage")}
        </a>
      </p>

      <form onSubmit={saveName} class="field">
        <label for="display-name">{t("myData.displayName")}</label>
        <input id="display-name" type="text" maxLength={80} value={displayName} onInput={(e) => setDisplayName((e.target as HTMLInputElement).value)} />
        <p class="hint" data-testid="public-name">
          {t("myData.displayNameHint", { publicName })}
        </p>
        <button class="button secondary" type="submit" disabled={busy}>
          {t("myData.saveName")}
        </button>
      </form>

      <h3>{t("myData.download")}</h3>
      <p class="hint">{t("myData.downloadHint")}</p>
      <div class="row">
        {FORMATS.map(({ format, label }) => (
          <button key={format} class="button secondary" type="button" disabled={busy} onClick={() => void download(format)} data-testid={`export-${format}`}>
            {t(label)}
          </button>
        ))}
      </div>

      <h3>{t("myData.delete")}</h3>
      {!deleting ? (
        <button class="button danger" type="button" onClick={() => setDeleting(true)} data-testid="delete-start">
          {t("myData.deleteStart")}
        </button>
      ) : (
        <form onSubmit={deleteAccount} class="confirm" data-testid="delete-confirm">
          <p>{t("myData.deleteWhat")}</p>
          <fieldset>
            <legend>{t("myData.sharedWork")}</legend>
            <label>
              <input type="radio" name="shared-work" checked={sharedWork === "handOver"} onChange={() => setSharedWork("handOver")} /> {t("myData.handOver")}
            </label>
            <label>
              <input type="radio" name="shared-work" checked={sharedWork === "remove"} onChange={() => setSharedWork("remove")} data-testid="shared-remove" /> {t("myData.remove")}
            </label>
          </fieldset>
          <div class="field">
            <label for="delete-confirm-email">{t(session.user.email ? "myData.confirmLabel" : "myData.confirmLabelName", { email: session.user.email ?? session.user.name })}</label>
            <input id="delete-confirm-email" type={session.user.email ? "email" : "text"} autocomplete="off" value={confirm} onInput={(e) => setConfirm((e.target as HTMLInputElement).value)} />
          </div>
          <div class="row">
            <button class="button danger" type="submit" disabled={busy || !matches} data-testid="delete-now">
              {t("myData.deleteNow")}
            </button>
            <button class="button secondary" type="button" onClick={() => setDeleting(false)}>
              {t("common.cancel")}
            </button>
          </div>
        </form>
      )}
      {status && (
        <p class="notice info" role="status" data-testid="my-data-status">
          {status}
        </p>
      )}
      {error && (
        <p class="notice error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

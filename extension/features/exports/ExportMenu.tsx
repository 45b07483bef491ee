import { useState } from "preact/hooks";
import { describeError, useSession } from "../context";
import { saveFile } from "./save-file";

type Format = "json" | "csv" | "html" | "opml";
const FORMATS: { format: Format; label: "exports.json" | "exports.csv" | "exports.html" | "exports.opml" }[] = [
  { format: "json", label: "exports.json" },
  { format: "csv", label: "exports.csv" },
  { format: "html", label: "exports.html" },
  { format: "opml", label: "exports.opml" },
];

/**
 * "Exporteren / Export": the four formats of one export, each downloaded through the API with the
 * person's own session (a plain link would carry no bearer token in the extension).
 */
export function ExportMenu({ what, label, secretFeed = false }: { what: { saves: true } | { bundleId: string } | { schoolId: string }; label: string; secretFeed?: boolean }) {
  const { t, api, announce } = useSession();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

  const download = async (format: Format) => {
    setBusy(true);
    setMessage(null);
    try {
      const { blob, filename } = await api.exportDownload(what, format);
      saveFile(blob, filename);
      const text = t("exports.downloaded", { file: filename });
      setMessage({ error: false, text });
      announce(text);
    } catch (error) {
      setMessage({ error: true, text: describeError(error, t) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <details class="export-menu" data-testid="export-menu">
      <summary aria-label={label}>{t("exports.menu")}</summary>
      <div class="row">
        {FORMATS.map(({ format, label: key }) => (
          <button key={format} type="button" class="button secondary" disabled={busy} onClick={() => void download(format)} data-testid={`export-${format}`}>
            {t(key)}
          </button>
        ))}
      </div>
      {secretFeed && <p class="hint">{t("exports.secretFeed")}</p>}
      {message && (
        <p class={message.error ? "notice error" : "hint"} role={message.error ? "alert" : "status"}>
          {message.text}
        </p>
      )}
    </details>
  );
}

import { useEffect, useRef, useState } from "preact/hooks";
import type { FeedUrlsResponse } from "../../../shared/schemas";
import { isAbort } from "../../lib/api-error";
import { Confirm } from "../../components/Confirm";
import { CopyField } from "../../components/CopyField";
import { describeError, useSession } from "../context";
import { ErrorState } from "../../components/StateMessage";

const FORMATS = [
  ["atom", "feed.atom"],
  ["rss", "feed.rss"],
  ["json", "feed.json"],
] as const;

/** The school's private feed in three formats, for a feed reader, Outlook or SharePoint; coordinators can replace them. */
export function FeedAddresses({ school }: { school: { id: string; name: string } }) {
  const { t, api, announce } = useSession();
  const [state, setState] = useState<{ status: "loading" } | { status: "error"; error: unknown } | { status: "ready"; urls: FeedUrlsResponse }>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  const [rotate, setRotate] = useState<{ status: "idle" | "confirm" | "busy" | "done" } | { status: "error"; message: string }>({ status: "idle" });
  const rotateButton = useRef<HTMLButtonElement>(null);
  const headingId = `feed-${school.id}`;

  useEffect(() => {
    const ctl = new AbortController();
    setState({ status: "loading" });
    api.feedUrls(school.id, ctl.signal).then(
      (urls) => setState({ status: "ready", urls }),
      (error) => !isAbort(error) && setState({ status: "error", error }),
    );
    return () => ctl.abort();
  }, [api, school.id, attempt]);

  const replace = async () => {
    setRotate({ status: "busy" });
    try {
      setState({ status: "ready", urls: await api.rotateFeedUrls(school.id) });
      setRotate({ status: "done" });
      announce(t("feed.rotated"));
      setTimeout(() => rotateButton.current?.focus(), 0);
    } catch (error) {
      setRotate({ status: "error", message: describeError(error, t) });
    }
  };

  return (
    <section class="delivery-section" aria-labelledby={headingId} data-testid="feed-addresses">
      <h3 id={headingId} class="section-heading">
        {t("feed.heading")}
      </h3>
      <p class="hint">{t("feed.explain")}</p>
      {state.status === "loading" && <p class="hint">{t("common.loading")}</p>}
      {state.status === "error" && <ErrorState error={state.error} onRetry={() => setAttempt((n) => n + 1)} testId="feed-error" />}
      {state.status === "ready" && (
        <>
          {FORMATS.map(([format, label]) => (
            <CopyField key={format} id={`feed-${school.id}-${format}`} label={t(label)} value={state.urls[format]} testId={`feed-${format}`} />
          ))}
          {rotate.status === "done" && (
            <p class="notice info" role="status" data-testid="feed-rotated">
              {t("feed.rotated")}
            </p>
          )}
          {rotate.status === "error" && (
            <p class="notice error" role="alert">
              {rotate.message}
            </p>
          )}
          {rotate.status === "confirm" || rotate.status === "busy" ? (
            <Confirm
              title={t("feed.rotateTitle")}
              yes={t("feed.rotateYes")}
              busy={rotate.status === "busy"}
              onYes={() => void replace()}
              onCancel={() => {
                setRotate({ status: "idle" });
                setTimeout(() => rotateButton.current?.focus(), 0);
              }}
              testId="feed-rotate-confirm"
            >
              {t("feed.rotateConfirm")}
            </Confirm>
          ) : (
            <div class="row">
              <button type="button" class="button secondary" ref={rotateButton} onClick={() => setRotate({ status: "confirm" })}>
                {t("feed.rotate")}
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}

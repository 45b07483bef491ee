import { useEffect, useState } from "preact/hooks";
import { useSession } from "../context";
import type { Questions as QuestionsTab } from "./Questions";

/**
 * The questions tab, fetched the first time it is opened: most visits never open it, and the side
 * panel's and web app's first screen stay as small as they were.
 */
export function LazyQuestions() {
  const { t } = useSession();
  const [Questions, setQuestions] = useState<typeof QuestionsTab | null>(null);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    setFailed(false);
    import("./Questions").then(
      (module) => setQuestions(() => module.Questions),
      () => setFailed(true),
    );
  }, [attempt]);
  if (Questions) return <Questions />;
  if (failed) {
    return (
      <p class="notice error" role="alert">
        {t("error.network")}{" "}
        <button type="button" class="link-button" onClick={() => setAttempt((n) => n + 1)}>
          {t("common.retry")}
        </button>
      </p>
    );
  }
  return <p class="hint">{t("common.loading")}</p>;
}

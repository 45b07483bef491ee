import { later } from "../../components/lazy/later";
import { useSession } from "../context";

/**
 * The questions tab, fetched the first time it is opened: most visits never open it, and the side
 * panel's and web app's first screen stay as small as they were.
 */
export const LazyQuestions = later(() => import("./Questions").then((m) => m.Questions), { Waiting, Failed });

function Waiting() {
  const { t } = useSession();
  return <p class="hint">{t("common.loading")}</p>;
}

function Failed({ retry }: { retry(): void }) {
  const { t } = useSession();
  return (
    <p class="notice error" role="alert">
      {t("error.network")}{" "}
      <button type="button" class="link-button" onClick={retry}>
        {t("common.retry")}
      </button>
    </p>
  );
}

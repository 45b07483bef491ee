import type { Bundle } from "../../../shared/schemas";
import { useSession } from "../context";

/** Draft, published, or published with changes not yet public. */
export function BundleStatus({ bundle }: { bundle: Bundle }) {
  const { t } = useSession();
  if (bundle.status === "draft") return <span class="badge muted" data-testid="bundle-status">{t("bundle.status.draft")}</span>;
  if (bundle.unpublishedChanges) return <span class="badge warn" data-testid="bundle-status">{t("bundle.status.changed")}</span>;
  return <span class="badge" data-testid="bundle-status">{t("bundle.status.published")}</span>;
}

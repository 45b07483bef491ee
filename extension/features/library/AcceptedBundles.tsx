import { useEffect, useState } from "preact/hooks";
import type { InboxOffer } from "../../../shared/schemas";
import { isAbort } from "../../lib/api-error";
import { useSession } from "../context";

/**
 * In the school's view of the library: the bundles the school accepted, newest first. A bundle the
 * coordinator declines (also after accepting) drops out of this list.
 */
export function AcceptedBundles({ schoolId }: { schoolId: string }) {
  const { t, api } = useSession();
  const [offers, setOffers] = useState<InboxOffer[] | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    api
      .inbox(schoolId, null, controller.signal, "accepted")
      .then((page) => setOffers(page.list))
      .catch((error) => {
        // The list is a courtesy above the results; when it cannot load, the library itself still works.
        if (!isAbort(error)) setOffers([]);
      });
    return () => controller.abort();
  }, [api, schoolId]);

  if (!offers || offers.length === 0) return null;
  return (
    <section class="accepted-bundles" aria-labelledby="accepted-bundles" data-testid="accepted-bundles">
      <h2 id="accepted-bundles">{t("library.acceptedBundles")}</h2>
      <ul>
        {offers.map((offer) => (
          <li key={offer.id}>
            <a href={offer.bundle.url} target="_blank" rel="noopener">
              {offer.bundle.title}
            </a>{" "}
            <span class="muted">{t("library.acceptedBundleItems", { count: offer.bundle.itemCount })}</span>
            {offer.bundle.about && <p class="muted">{offer.bundle.about}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * What makes the web app work without a connection: the service worker (sw.ts, built to /app/sw.js) keeps
 * the app's page and assets, and the clips saved offline are sent when the browser is back online and
 * each time the app starts.
 */
import type { KnooppuntApi } from "../../lib/api";
import type { Session } from "../../lib/storage";
import { deliverWaiting, ownerOf } from "./waiting-clips";

export function registerServiceWorker() {
  // Absent on plain http beyond localhost and in some private modes: the app then works online only.
  if (!("serviceWorker" in navigator)) return;
  navigator.serviceWorker.register("/app/sw.js", { scope: "/app" }).catch(() => undefined);
}

/** Sends the waiting clips now and whenever the connection returns; `onDelivered` hears how many went. Returns the stop. */
export function deliverWhenOnline(api: KnooppuntApi, session: Session, onDelivered: (count: number) => void): () => void {
  const deliver = () => {
    void deliverWaiting(api, ownerOf(session)).then(
      (count) => count > 0 && onDelivered(count),
      () => undefined,
    );
  };
  addEventListener("online", deliver);
  deliver();
  return () => removeEventListener("online", deliver);
}

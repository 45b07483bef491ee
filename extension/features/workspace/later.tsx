import type { ComponentType } from "preact";
import { useEffect, useState } from "preact/hooks";

/**
 * A component whose code is fetched the first time it is shown, or earlier through `prefetch` (after the
 * screen's first paint, so that opening it shows no wait). Until the code is there it renders nothing:
 * the chunk is part of the extension itself, read from disk in a few milliseconds.
 */
export function later<P extends object>(load: () => Promise<ComponentType<P>>) {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  const prefetch = () =>
    (loading ??= load().then(
      (component) => (loaded = component),
      (error: unknown) => {
        // Tried again the next time it is shown.
        loading = undefined;
        throw error;
      },
    ));
  function Later(props: P) {
    const [, setReady] = useState(Boolean(loaded));
    useEffect(() => {
      if (loaded) return;
      let live = true;
      prefetch().then(
        () => live && setReady(true),
        () => undefined,
      );
      return () => void (live = false);
    }, []);
    const Component = loaded;
    return Component ? <Component {...props} /> : null;
  }
  return Object.assign(Later, { prefetch });
}

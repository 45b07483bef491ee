import type { ComponentType } from "preact";
import { useEffect, useState } from "preact/hooks";

interface Placeholders<P> {
  /** Shown while the code is on its way; nothing when left out (a chunk of the extension comes from disk in milliseconds). */
  Waiting?: ComponentType<P>;
  /** Shown when the code could not be fetched (offline); `retry` tries again. Nothing when left out: the next showing tries again. */
  Failed?: ComponentType<P & { retry(): void }>;
}

/**
 * A component whose code is fetched the first time it is shown, or earlier through `prefetch` (after the
 * screen's first paint, so that opening it shows no wait): the tabs most visits never open, the bulk bar,
 * the import screens. Every screen loaded later goes through here, so each waits and fails the same way.
 */
export function later<P extends object>(load: () => Promise<ComponentType<P>>, { Waiting, Failed }: Placeholders<P> = {}) {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  const prefetch = () =>
    (loading ??= load().then(
      (component) => (loaded = component),
      (error: unknown) => {
        // Tried again the next time it is shown, or asked for.
        loading = undefined;
        throw error;
      },
    ));
  function Later(props: P) {
    const [failed, setFailed] = useState(false);
    const [attempt, setAttempt] = useState(0);
    const [, setReady] = useState(Boolean(loaded));
    useEffect(() => {
      if (loaded) return;
      let live = true;
      prefetch().then(
        () => live && setReady(true),
        () => live && setFailed(true),
      );
      return () => void (live = false);
    }, [attempt]);
    const Component = loaded;
    if (Component) return <Component {...props} />;
    if (failed) {
      const retry = () => {
        setFailed(false);
        setAttempt((n) => n + 1);
      };
      return Failed ? <Failed {...props} retry={retry} /> : null;
    }
    return Waiting ? <Waiting {...props} /> : null;
  }
  return Object.assign(Later, { prefetch });
}

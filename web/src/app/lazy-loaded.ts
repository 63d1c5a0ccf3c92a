import { createElement, lazy, type ComponentType } from 'react';

/** A lazily loaded component whose chunk can also be fetched ahead of its first render. */
export type LazyLoaded<P extends object = object> = ComponentType<P> & { preload: () => Promise<unknown> };

/**
 * React.lazy, drawn at once when its chunk has already arrived (preloaded with the app). React.lazy
 * suspends on its first render even then (its import() answers a tick later), its boundary commits
 * the fallback, and React shows what a boundary was waiting for no sooner than 300 ms after its
 * fallback (the "fallback throttle"): in the profile of a fresh tab of My work the main thread sat
 * idle for ~100 ms with everything there, before drawing the page. A chunk still on its way
 * suspends as before. A failed load is React.lazy's, as before (the error boundary shows it), and
 * the next call loads again.
 */
export function lazyLoaded<P extends object = object>(
  load: () => Promise<{ default: ComponentType<P> }>,
): LazyLoaded<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<{ default: ComponentType<P> }> | undefined;
  const preload = () =>
    (loading ??= load().then(
      (module) => {
        loaded = module.default;
        return module;
      },
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    ));
  // React.lazy's retry renders this component again once `loaded` is set (this promise's own
  // callback runs first), so the lazy element is never committed and then swapped for the loaded one.
  const Lazy = lazy(preload);
  function LazyLoadedComponent(props: P) {
    return loaded ? createElement(loaded, props) : createElement(Lazy as ComponentType<P>, props);
  }
  return Object.assign(LazyLoadedComponent, { preload });
}

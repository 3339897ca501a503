import { type ComponentType, createElement, lazy, useState } from "react";

/**
 * A component in its own chunk that can be fetched ahead of need (e.g. the receipt, right after the
 * sale screen shows), so the till's first load does not carry it and yet it renders at once when
 * needed: an instance mounted after the chunk arrived renders the component directly, without a
 * Suspense pass; one mounted before goes through React.lazy (the nearest Suspense shows its fallback)
 * and keeps that path for its whole life, so it never remounts and loses state.
 */
export function preloadableComponent<P extends object>(
  load: () => Promise<ComponentType<P>>,
): { Component: ComponentType<P>; preload: () => Promise<unknown> } {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  const preload = (): Promise<ComponentType<P>> => {
    loading ??= load().then(
      (component) => {
        loaded = component;
        return component;
      },
      (error: unknown) => {
        loading = undefined; // a later attempt may succeed (e.g. back online)
        throw error;
      },
    );
    return loading;
  };
  const Lazy = lazy(async () => ({ default: await preload() }));
  // biome-ignore lint/correctness/noComponentHookFactories: called once per component, at module level (like React.lazy)
  function Preloadable(props: P) {
    const [component] = useState(() => loaded ?? Lazy);
    return createElement(component as ComponentType<P>, props);
  }
  return { Component: Preloadable, preload };
}

import { useSyncExternalStore } from "react";
import { phoneQuery } from "./breakpoints";

/** Whether a CSS media query matches now, following changes (rotation, a resized window). */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const list = globalThis.matchMedia?.(query);
      list?.addEventListener("change", onChange);
      return () => list?.removeEventListener("change", onChange);
    },
    () => globalThis.matchMedia?.(query).matches ?? false,
    () => false,
  );
}

/** A phone-sized screen (breakpoints.ts): markup that differs, not only its CSS (the history's cards). */
export function usePhoneLayout(): boolean {
  return useMediaQuery(phoneQuery);
}

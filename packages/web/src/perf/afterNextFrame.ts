/** Longest wait for a frame: a hidden tab paints none, and what waits must still run. */
const LATEST_MS = 100;

/**
 * Runs `task` once the next frame has been painted (in a task after it), or after 100 ms when no
 * frame comes (hidden tab). For work that must not hold up what is about to be painted: the sync
 * after a sale starts after the receipt is on screen.
 */
export function afterNextFrame(task: () => void): void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    task();
  };
  const fallback = setTimeout(run, LATEST_MS);
  if (typeof requestAnimationFrame !== "function") return;
  requestAnimationFrame(() =>
    setTimeout(() => {
      clearTimeout(fallback);
      run();
    }, 0),
  );
}

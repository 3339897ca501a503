import { afterEach, describe, expect, it, vi } from "vitest";
import { afterNextFrame } from "./afterNextFrame";

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("afterNextFrame", () => {
  it("runs the task once, in a task after the next frame", () => {
    vi.useFakeTimers();
    const frames: (() => void)[] = [];
    vi.stubGlobal("requestAnimationFrame", (f: () => void) => frames.push(f));
    const task = vi.fn();
    afterNextFrame(task);
    vi.advanceTimersByTime(10);
    expect(task).not.toHaveBeenCalled(); // no frame yet
    for (const f of frames) f();
    expect(task).not.toHaveBeenCalled(); // not inside the frame's callback
    vi.advanceTimersByTime(1);
    expect(task).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(200);
    expect(task).toHaveBeenCalledTimes(1);
  });

  it("runs it after 100 ms when no frame comes (a hidden tab)", () => {
    vi.useFakeTimers();
    vi.stubGlobal("requestAnimationFrame", () => 0);
    const task = vi.fn();
    afterNextFrame(task);
    vi.advanceTimersByTime(99);
    expect(task).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(task).toHaveBeenCalledTimes(1);
  });
});

/**
 * The deterministic discrete-event core: a virtual clock and an event queue. Time is an integer
 * number of milliseconds; events at the same time run in the order they were scheduled (a stable
 * sequence number breaks ties), so the same inputs always give the same timeline (DESIGN.md,
 * Contracts: "the simulator is reproducible").
 */

/** A handle that cancels a scheduled callback. */
export interface Scheduled {
  readonly time: number;
  cancel(): void;
}

interface Entry {
  time: number;
  seq: number;
  run: () => void;
  cancelled: boolean;
}

/** A binary min-heap on (time, seq). */
class Heap {
  private readonly items: Entry[] = [];

  get size(): number {
    return this.items.length;
  }

  push(e: Entry): void {
    const a = this.items;
    a.push(e);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(a[i] as Entry, a[p] as Entry)) break;
      [a[i], a[p]] = [a[p] as Entry, a[i] as Entry];
      i = p;
    }
  }

  peek(): Entry | undefined {
    return this.items[0];
  }

  pop(): Entry | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last !== undefined) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && before(a[l] as Entry, a[m] as Entry)) m = l;
        if (r < a.length && before(a[r] as Entry, a[m] as Entry)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m] as Entry, a[i] as Entry];
        i = m;
      }
    }
    return top;
  }
}

function before(x: Entry, y: Entry): boolean {
  return x.time < y.time || (x.time === y.time && x.seq < y.seq);
}

/** The virtual clock with its queue. Nothing here reads the real time. */
export class EventLoop {
  private readonly heap = new Heap();
  private seq = 0;
  private current: number;

  constructor(start = 0) {
    this.current = start;
  }

  /** The current virtual time in milliseconds. */
  get now(): number {
    return this.current;
  }

  /** Runs `run` at absolute time `time` (never in the past: clamped to now). */
  at(time: number, run: () => void): Scheduled {
    const e: Entry = { time: Math.max(Math.round(time), this.current), seq: this.seq++, run, cancelled: false };
    this.heap.push(e);
    return { time: e.time, cancel: () => { e.cancelled = true; } };
  }

  /** Runs `run` after `delay` milliseconds. */
  after(delay: number, run: () => void): Scheduled {
    return this.at(this.current + Math.max(0, delay), run);
  }

  /** Runs every event up to and including `until`, then sets the clock to `until`. */
  runUntil(until: number): void {
    for (;;) {
      const top = this.heap.peek();
      if (top === undefined || top.time > until) break;
      this.heap.pop();
      if (top.cancelled) continue;
      this.current = top.time;
      top.run();
    }
    this.current = Math.max(this.current, until);
  }
}

/**
 * A cooperative task: a generator that yields how many milliseconds it waits. This is how Monit's
 * single validation thread (spec §1.2) blocks on start programs and probes while host events
 * continue to happen around it.
 */
export type Task = Generator<number, void, void>;

/** Drives a task on the loop; `onDone` runs when it returns. Returns a canceller. */
export function spawnTask(loop: EventLoop, task: Task, onDone?: () => void): { cancel(): void } {
  let cancelled = false;
  let pending: Scheduled | undefined;
  const step = (): void => {
    if (cancelled) return;
    const r = task.next();
    if (r.done === true) {
      onDone?.();
      return;
    }
    pending = loop.after(r.value, step);
  };
  pending = loop.after(0, step);
  return {
    cancel: () => {
      cancelled = true;
      pending?.cancel();
    },
  };
}

import { describe, expect, it } from 'vitest';
import { EventLoop, spawnTask, type Task } from '../../src/sim/clock.js';

describe('the event loop', () => {
  it('runs events in time order, and events at the same time in the order they were scheduled', () => {
    const loop = new EventLoop();
    const seen: string[] = [];
    loop.at(20, () => seen.push('b@20'));
    loop.at(10, () => seen.push('a@10'));
    loop.at(20, () => seen.push('c@20'));
    for (let i = 0; i < 50; i++) loop.at(15, () => seen.push(`x${i}`));
    loop.runUntil(100);
    expect(seen[0]).toBe('a@10');
    expect(seen.slice(1, 51)).toEqual(Array.from({ length: 50 }, (_v, i) => `x${i}`));
    expect(seen.slice(51)).toEqual(['b@20', 'c@20']);
    expect(loop.now).toBe(100);
  });

  it('cancelled events do not run; events never run in the past', () => {
    const loop = new EventLoop(50);
    const seen: number[] = [];
    const h = loop.at(60, () => seen.push(60));
    loop.at(10, () => seen.push(loop.now));
    h.cancel();
    loop.runUntil(100);
    expect(seen).toEqual([50]);
  });

  it('a task blocks for what it yields while other events run meanwhile', () => {
    const loop = new EventLoop();
    const seen: string[] = [];
    function* task(): Task {
      seen.push(`start@${loop.now}`);
      yield 1000;
      seen.push(`end@${loop.now}`);
    }
    spawnTask(loop, task(), () => seen.push(`done@${loop.now}`));
    loop.at(500, () => seen.push('host@500'));
    loop.runUntil(2000);
    expect(seen).toEqual(['start@0', 'host@500', 'end@1000', 'done@1000']);
  });
});

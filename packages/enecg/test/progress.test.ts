import { describe, expect, it } from 'vitest';
import { formatDuration, ProgressBar } from '../src/cli/progress.js';

function fakeSink(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, sink: { isTTY, write: (t: string) => writes.push(t) } };
}

describe('ProgressBar', () => {
  it('shows percentage, counts, elapsed time and an ETA from the rate so far', () => {
    let clock = 0;
    const { writes, sink } = fakeSink(true);
    const bar = new ProgressBar({ label: 'train', total: 20, sink, now: () => clock, width: 10 });
    clock = 4000;
    bar.tick(8, 'loss 0.41');
    // 8 of 20 in 4 s -> 12 left at 0.5 s each = 6 s
    expect(writes.at(-1)).toBe('\rtrain [===>      ] 40% 8/20 0:04 ETA 0:06 loss 0.41');
    clock = 10_000;
    bar.tick(12);
    expect(writes.at(-1)).toBe('\rtrain [==========] 100% 20/20 0:10\n');
  });

  it('prints occasional whole lines on a non-terminal, and always the last one', () => {
    let clock = 0;
    const { writes, sink } = fakeSink(false);
    const bar = new ProgressBar({ label: 'x', total: 4, sink, now: () => clock, lineIntervalMs: 1000 });
    bar.tick();
    clock = 500;
    bar.tick();
    clock = 1200;
    bar.tick();
    clock = 1300;
    bar.tick();
    expect(writes.length).toBe(3);
    expect(writes.every((w) => w.endsWith('\n') && !w.startsWith('\r'))).toBe(true);
    expect(writes.at(-1)).toContain('100% 4/4');
  });

  it('formats durations', () => {
    expect(formatDuration(59_400)).toBe('0:59');
    expect(formatDuration(61_000)).toBe('1:01');
    expect(formatDuration(3_725_000)).toBe('1:02:05');
    expect(formatDuration(Number.NaN)).toBe('?:??');
  });
});

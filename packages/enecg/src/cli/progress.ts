/** Where progress goes: a writable text stream (stderr by default) and whether it is an interactive terminal. */
export interface ProgressSink {
  write(text: string): void;
  isTTY: boolean;
}

/** Options of ProgressBar. */
export interface ProgressBarOptions {
  /** Label printed before the bar, e.g. `fold 2/5 train`. */
  label: string;
  /** Number of units of work. */
  total: number;
  sink: ProgressSink;
  /** Milliseconds clock (injectable for tests). Default: performance.now. */
  now?: () => number;
  /** Bar width in characters (default 24). */
  width?: number;
  /** On a non-TTY sink, print a line at most every this many ms (default 5000), and always at the end. */
  lineIntervalMs?: number;
}

/**
 * A text progress bar with elapsed time and ETA. On a terminal it redraws one line (`\r`); elsewhere (CI logs,
 * pipes) it prints a plain line now and then, so logs stay readable.
 */
export class ProgressBar {
  private done = 0;
  private readonly start: number;
  private lastLine = Number.NEGATIVE_INFINITY;
  private readonly now: () => number;

  constructor(private readonly options: ProgressBarOptions) {
    this.now = options.now ?? (() => performance.now());
    this.start = this.now();
  }

  /** Advances by `units` and redraws; `detail` (e.g. `loss 0.412`) is shown after the bar. */
  tick(units = 1, detail = ''): void {
    this.done = Math.min(this.options.total, this.done + units);
    const finished = this.done === this.options.total;
    const elapsed = this.now() - this.start;
    if (this.options.sink.isTTY) {
      this.options.sink.write(`\r${this.render(elapsed, detail)}${finished ? '\n' : ''}`);
    } else if (finished || elapsed - this.lastLine >= (this.options.lineIntervalMs ?? 5000)) {
      this.lastLine = elapsed;
      this.options.sink.write(`${this.render(elapsed, detail)}\n`);
    }
  }

  /** The bar as text, e.g. `train [=========>          ] 45% 9/20 0:04 ETA 0:05 loss 0.41`. */
  render(elapsedMs: number, detail = ''): string {
    const { total, label } = this.options;
    const width = this.options.width ?? 24;
    const fraction = total > 0 ? this.done / total : 1;
    const filled = Math.round(fraction * width);
    const bar =
      `${'='.repeat(Math.max(0, filled - 1))}${filled > 0 ? (fraction < 1 ? '>' : '=') : ''}`.padEnd(width);
    const eta = this.done > 0 ? ((total - this.done) * elapsedMs) / this.done : Number.NaN;
    const parts = [
      `${label} [${bar}] ${Math.floor(fraction * 100)}% ${this.done}/${total}`,
      formatDuration(elapsedMs),
      fraction < 1 ? `ETA ${formatDuration(eta)}` : '',
      detail,
    ];
    return parts.filter(Boolean).join(' ');
  }
}

/** `m:ss` or `h:mm:ss`; `?:??` when unknown. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '?:??';
  const seconds = Math.round(ms / 1000);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

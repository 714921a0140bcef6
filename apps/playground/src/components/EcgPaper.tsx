import { useEffect, useRef, useState } from 'preact/hooks';
import type { DisplaySignal } from '../viewer/display-signals.js';
import { drawPaper } from '../viewer/draw-paper.js';
import { paperLayout } from '../viewer/layout.js';
import { type PaperScale, pxPerSecond } from '../viewer/paper-scale.js';

interface EcgPaperProps {
  signals: readonly DisplaySignal[];
  samplingFrequency: number;
  durationS: number;
  scale: PaperScale;
}

/**
 * The paper itself: a canvas the width of the view, kept in place (sticky) inside a horizontally scrolling
 * box as wide as the whole record, so native scrolling (scrollbar, trackpad, shift+wheel, arrow keys) moves
 * through time and only the visible window is drawn.
 */
export function EcgPaper({ signals, samplingFrequency, durationS, scale }: EcgPaperProps) {
  const scrollerRef = useRef<HTMLElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [widthPx, setWidthPx] = useState(0);
  const [scrollLeftPx, setScrollLeftPx] = useState(0);

  useEffect(() => {
    const scroller = scrollerRef.current!;
    const observer = new ResizeObserver(() => setWidthPx(scroller.clientWidth));
    observer.observe(scroller);
    return () => observer.disconnect();
  }, []);

  const layout = paperLayout({
    scale,
    rowCount: signals.length,
    canvasWidthPx: widthPx,
    durationS,
    scrollLeftPx,
  });
  // Time at the left edge as last drawn (this render's value is computed with the new scale but the old
  // scroll position, so it is stored only after the zoom effect below has used the previous one).
  const drawnStartSRef = useRef(0);

  // Zooming in time changes the paper's width: keep the same moment at the left edge.
  const secondsToPx = pxPerSecond(scale);
  useEffect(() => {
    scrollerRef.current!.scrollLeft = drawnStartSRef.current * secondsToPx;
  }, [secondsToPx]);

  useEffect(() => {
    const canvas = canvasRef.current!;
    const devicePixelRatio = window.devicePixelRatio || 1;
    canvas.width = Math.round(widthPx * devicePixelRatio);
    canvas.height = Math.round(layout.heightPx * devicePixelRatio);
    const context = canvas.getContext('2d');
    if (context === null || widthPx === 0) return;
    drawPaper(context, { layout, scale, signals, samplingFrequency, widthPx, devicePixelRatio });
    drawnStartSRef.current = layout.window.startS;
  });

  const { startS, endS } = layout.window;
  return (
    <div class="ecg-paper">
      <section
        class="paper-scroller"
        ref={scrollerRef}
        aria-label="ECG paper; scroll horizontally to move through time"
        onScroll={(event) => setScrollLeftPx(event.currentTarget.scrollLeft)}
      >
        <div
          class="paper-content"
          style={{ width: `${layout.contentWidthPx}px`, height: `${layout.heightPx}px` }}
        >
          <canvas
            ref={canvasRef}
            data-testid="ecg-canvas"
            role="img"
            aria-label={`ECG trace of ${signals.map((signal) => signal.label).join(', ')}`}
            style={{ width: `${widthPx}px`, height: `${layout.heightPx}px` }}
          />
        </div>
      </section>
      <p class="paper-caption" data-testid="paper-caption">
        {startS.toFixed(2)} s – {Math.min(endS, durationS).toFixed(2)} s of {durationS.toFixed(2)} s ·{' '}
        {scale.mmPerSecond} mm/s, {scale.mmPerMv} mm/mV · grid 1 mm / 5 mm · pulse 1 mV × 0.2 s
      </p>
    </div>
  );
}

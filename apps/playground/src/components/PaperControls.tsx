import {
  CSS_PX_PER_MM,
  PAPER_GAINS_MM_PER_MV,
  PAPER_SPEEDS_MM_PER_S,
  type PaperScale,
} from '../viewer/paper-scale.js';

interface PaperControlsProps {
  scale: PaperScale;
  onChange: (scale: PaperScale) => void;
}

/** Time zoom (paper speed), amplitude zoom (gain) and the screen calibration (CSS px per mm). */
export function PaperControls({ scale, onChange }: PaperControlsProps) {
  return (
    <fieldset class="paper-controls">
      <legend>Paper</legend>
      <label>
        Speed{' '}
        <select
          data-testid="paper-speed"
          value={scale.mmPerSecond}
          onChange={(event) => onChange({ ...scale, mmPerSecond: Number(event.currentTarget.value) })}
        >
          {PAPER_SPEEDS_MM_PER_S.map((speed) => (
            <option key={speed} value={speed}>
              {speed} mm/s
            </option>
          ))}
        </select>
      </label>
      <label>
        Gain{' '}
        <select
          data-testid="paper-gain"
          value={scale.mmPerMv}
          onChange={(event) => onChange({ ...scale, mmPerMv: Number(event.currentTarget.value) })}
        >
          {PAPER_GAINS_MM_PER_MV.map((gain) => (
            <option key={gain} value={gain}>
              {gain} mm/mV
            </option>
          ))}
        </select>
      </label>
      <label title="Adjust until the calibration pulse at the start of each lead measures 10 mm high with a ruler (at 10 mm/mV).">
        Screen px per mm{' '}
        <input
          type="number"
          min={1}
          max={20}
          step={0.01}
          value={scale.pxPerMm.toFixed(2)}
          onChange={(event) => {
            const pxPerMm = Number(event.currentTarget.value);
            if (pxPerMm >= 1 && pxPerMm <= 20) onChange({ ...scale, pxPerMm });
          }}
        />
      </label>
      <button type="button" onClick={() => onChange({ ...scale, pxPerMm: CSS_PX_PER_MM })}>
        Reset to CSS mm
      </button>
    </fieldset>
  );
}

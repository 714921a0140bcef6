import type { DisplaySignal } from '../viewer/display-signals.js';

interface LeadPickerProps {
  signals: readonly DisplaySignal[];
  /** Indices (in the record) of the signals shown. */
  selected: ReadonlySet<number>;
  onChange: (selected: Set<number>) => void;
}

/** One checkbox per plottable signal, in standard lead order. */
export function LeadPicker({ signals, selected, onChange }: LeadPickerProps) {
  const toggle = (index: number, shown: boolean) => {
    const next = new Set(selected);
    if (shown) next.add(index);
    else next.delete(index);
    onChange(next);
  };
  return (
    <fieldset class="lead-picker">
      <legend>Leads</legend>
      {signals.map((signal) => (
        <label key={signal.index}>
          <input
            type="checkbox"
            checked={selected.has(signal.index)}
            onChange={(event) => toggle(signal.index, event.currentTarget.checked)}
          />
          {signal.label}
        </label>
      ))}
    </fieldset>
  );
}

import { useEffect, useState } from 'preact/hooks';
import { BACKENDS, type BackendName, updateSkipReasons } from '../backend/backend-names.js';
import { initBackend } from '../backend/init-backend.js';

type SkipReasons = Partial<Record<BackendName, string>>;

/**
 * Shows the TensorFlow.js backend in use and why faster ones were skipped; picks the best one on load and
 * lets the user switch. A failed switch keeps the previous backend and shows the reason.
 */
export function BackendPanel() {
  const [active, setActive] = useState<BackendName | null>(null);
  const [skipReasons, setSkipReasons] = useState<SkipReasons>({});
  const [switching, setSwitching] = useState(true);

  const choose = async (prefer: readonly BackendName[]) => {
    setSwitching(true);
    const choice = await initBackend({ prefer });
    setActive(choice.active);
    setSkipReasons((previous) => updateSkipReasons(previous, choice.attempts));
    setSwitching(false);
  };

  useEffect(() => {
    void choose(BACKENDS);
  }, []);

  return (
    <section class="backend-panel" aria-busy={switching}>
      <h2>Compute backend</h2>
      <label>
        TensorFlow.js backend{' '}
        <select
          data-testid="backend-select"
          value={active ?? ''}
          disabled={switching}
          onChange={(event) => void choose([event.currentTarget.value as BackendName])}
        >
          {active === null && <option value="">(none yet)</option>}
          {BACKENDS.map((backend) => (
            <option key={backend} value={backend}>
              {backend}
            </option>
          ))}
        </select>
      </label>
      <p data-testid="backend-active">
        {switching
          ? 'Initialising…'
          : active === null
            ? 'No backend works in this browser.'
            : `In use: ${active}`}
      </p>
      <ul class="backend-list">
        {BACKENDS.map((backend) => (
          <li key={backend} data-testid={`backend-status-${backend}`}>
            <strong>{backend}</strong>: {backendStatus(backend, active, skipReasons)}
          </li>
        ))}
      </ul>
    </section>
  );
}

function backendStatus(backend: BackendName, active: BackendName | null, skipReasons: SkipReasons): string {
  if (backend === active) return 'in use';
  const reason = skipReasons[backend];
  return reason === undefined ? 'not in use' : `skipped: ${reason}`;
}

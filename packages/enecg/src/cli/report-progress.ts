import type { ExperimentProgress } from '../experiment/run-experiment.js';
import type { ProgressEvent } from '../model/types.js';
import { ProgressBar, type ProgressSink } from './progress.js';

/**
 * Progress of an experiment on `sink`: a bar while the frozen experts embed the records, and a bar over all
 * models (folds x variants) with the current fold, model, epoch and loss.
 */
export function experimentProgress(sink: ProgressSink, models: number): (event: ExperimentProgress) => void {
  const embed = embedProgress(sink);
  const bar = new ProgressBar({ label: 'models', total: models, sink });
  return (event) => {
    // Every embedding is computed while the first model trains; later models read them from the cache.
    if (event.phase === 'embed')
      return event.fold === 1 && event.variant === 'enecg' ? embed(event) : undefined;
    const where = `fold ${event.fold}/${event.folds} ${event.variant}`;
    if (event.phase === 'evaluate' && event.done === event.total)
      bar.tick(1, where); // a model is done
    else if (event.epoch !== undefined && event.done % 20 === 0) {
      bar.tick(0, `${where} epoch ${event.epoch}/${event.epochs} loss ${event.loss?.toFixed(3)}`);
    }
  };
}

/** Progress of one model's training (`enecg train`): embedding, then steps with epoch and losses. */
export function trainingProgress(sink: ProgressSink): (event: ProgressEvent) => void {
  const embed = embedProgress(sink);
  let bar: ProgressBar | null = null;
  let done = 0;
  return (event) => {
    if (event.phase === 'embed') return embed(event);
    if (event.phase !== 'train') return;
    bar ??= new ProgressBar({ label: 'train', total: event.total, sink });
    const losses = `epoch ${event.epoch}/${event.epochs} loss ${event.loss?.toFixed(3)}${
      event.validationLoss !== undefined ? ` val ${event.validationLoss.toFixed(3)}` : ''
    }`;
    bar.tick(event.done - done, losses);
    done = event.done;
  };
}

/** A bar per embedding pass (a new one whenever a pass starts over). */
function embedProgress(sink: ProgressSink): (event: ProgressEvent) => void {
  let bar: ProgressBar | null = null;
  let done = 0;
  let total = 0;
  return (event) => {
    if (event.total === 0) return;
    if (!bar || event.total !== total || event.done < done) {
      bar = new ProgressBar({ label: 'embed', total: event.total, sink });
      done = 0;
      total = event.total;
    }
    if (event.done > done) bar.tick(event.done - done, event.message ?? '');
    done = event.done;
  };
}

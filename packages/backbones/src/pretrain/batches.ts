import { SeededRandom } from '@enecg/ecg-io';

/**
 * Draws training batches of segment indices: epochs in a seeded random order, and within a batch at most one
 * segment per group (the other windows of a record wait for a later batch), so that two windows of the same
 * recording are never each other's negatives. Falls back to repeating groups only when too few are left.
 */
export class GroupedBatchSampler {
  private readonly random: SeededRandom;
  private queue: number[] = [];
  /** Passes over the segments started so far. */
  passes = 0;

  constructor(
    private readonly groups: readonly string[],
    private readonly batchSize: number,
    seed: number,
  ) {
    if (groups.length < batchSize) {
      throw new RangeError(
        `GroupedBatchSampler: ${groups.length} segments cannot fill a batch of ${batchSize}`,
      );
    }
    this.random = new SeededRandom(seed);
  }

  /** The next batch of `batchSize` distinct segment indices. */
  next(): number[] {
    const batch: number[] = [];
    const used = new Set<string>();
    const deferred: number[] = [];
    while (batch.length < this.batchSize) {
      if (this.queue.length === 0) {
        if (deferred.length > 0) {
          // Only windows of groups already in the batch are left in this epoch: accept them.
          batch.push(deferred.shift()!);
          continue;
        }
        this.refill(new Set(batch));
      }
      const index = this.queue.shift()!;
      if (used.has(this.groups[index])) {
        deferred.push(index);
        continue;
      }
      used.add(this.groups[index]);
      batch.push(index);
    }
    this.queue.unshift(...deferred);
    return batch;
  }

  private refill(exclude: Set<number>): void {
    const order = Array.from({ length: this.groups.length }, (_, i) => i).filter((i) => !exclude.has(i));
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(this.random.next() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    this.queue = order;
    this.passes++;
  }
}

import { describe, expect, it } from 'vitest';
import { blockedFolds, blockedHoldout } from '../src/pretrain/probe/folds.js';
import { probeClassification, probeRegression } from '../src/pretrain/probe/linear-probe.js';
import { balancedClassWeights, fitLogistic, predictLogistic } from '../src/pretrain/probe/logistic.js';
import { applyScaling, choleskySolve, columnScaling, matrixFromRows } from '../src/pretrain/probe/matrix.js';
import {
  auroc,
  balancedAccuracy,
  macroAuroc,
  meanAbsoluteError,
  rSquared,
} from '../src/pretrain/probe/metrics.js';
import { fitRidge, predictRidge } from '../src/pretrain/probe/ridge.js';
import { expectClose, randomValues } from './helpers.js';

describe('linear algebra', () => {
  it('solves an SPD system by Cholesky (hand-computed solution)', () => {
    // [[4, 2], [2, 3]] x = [[2, 0], [1, 1]]: x = A^-1 B with A^-1 = [[3, -2], [-2, 4]] / 8.
    const x = choleskySolve(
      matrixFromRows([
        [4, 2],
        [2, 3],
      ]),
      matrixFromRows([
        [2, 0],
        [1, 1],
      ]),
    );
    expectClose(x.data, [(6 - 2) / 8, -2 / 8, (-4 + 4) / 8, 4 / 8], 1e-12);
    expect(() =>
      choleskySolve(
        matrixFromRows([
          [1, 2],
          [2, 1],
        ]),
        matrixFromRows([[1], [1]]),
      ),
    ).toThrowError(/not positive definite/);
  });

  it('standardises columns with population statistics (constant column -> std 1)', () => {
    const m = matrixFromRows([
      [1, 5],
      [3, 5],
    ]);
    const scaling = columnScaling(m);
    expectClose(scaling.mean, [2, 5], 0);
    expectClose(scaling.std, [1, 1], 0);
    expectClose(applyScaling(m, scaling).data, [-1, 0, 1, 0], 0);
  });
});

describe('ridge regression', () => {
  const n = 200;
  const noise = randomValues(n, 7);
  const columns = [randomValues(n, 1), randomValues(n, 2), randomValues(n, 3)];
  const x = matrixFromRows(Array.from({ length: n }, (_, i) => columns.map((c) => c[i] * 3 + 1)));
  const truth = (row: ArrayLike<number>) => 2 * row[0] - 1.5 * row[1] + 0 * row[2] + 4;

  it('recovers known coefficients exactly without noise and penalty', () => {
    const y = Array.from({ length: n }, (_, i) => truth(x.data.subarray(i * 3, i * 3 + 3)));
    const model = fitRidge(x, y, 0);
    // Weights are on standardised features: w_j = beta_j * std_j.
    expectClose(model.weights, [2 * model.scaling.std[0], -1.5 * model.scaling.std[1], 0], 1e-6);
    const test = matrixFromRows([
      [0, 0, 0],
      [1, 2, 3],
    ]);
    expectClose(predictRidge(model, test), [4, 2 - 3 + 4], 1e-6);
  });

  it('shrinks weights as (Z^T Z / n + lambda)^-1 for one standardised feature', () => {
    // One standardised feature z: w = (z.y / n) / (1 + lambda) since z.z / n = 1.
    const y = Array.from({ length: n }, (_, i) => 3 * columns[0][i] + 0.1 * noise[i]);
    const single = matrixFromRows(Array.from({ length: n }, (_, i) => [columns[0][i]]));
    const unpenalised = fitRidge(single, y, 0).weights[0];
    expect(fitRidge(single, y, 1).weights[0]).toBeCloseTo(unpenalised / 2, 8);
    expect(fitRidge(single, y, 3).weights[0]).toBeCloseTo(unpenalised / 4, 8);
  });
});

describe('logistic regression', () => {
  it('fits separable data perfectly and satisfies the optimality conditions', () => {
    const n = 120;
    const a = randomValues(n, 11);
    const b = randomValues(n, 12);
    const rows = Array.from({ length: n }, (_, i) => [a[i], b[i]]);
    const labels = rows.map(([u, v]) => (u + 0.5 * v > 0.1 ? 1 : 0));
    const model = fitLogistic(matrixFromRows(rows), labels, 2, {
      lambda: 1e-3,
      tolerance: 1e-9,
      maxIterations: 50_000,
    });
    expect(model.gradientNorm).toBeLessThan(1e-9);
    const p = predictLogistic(model, matrixFromRows(rows));
    const predicted = labels.map((_, i) => (p[i * 2 + 1] > 0.5 ? 1 : 0));
    expect(predicted).toEqual(labels);
    // KKT by hand: the gradient of mean(-log p) + lambda/2 |W|^2 vanishes (computed here independently).
    const z = applyScaling(matrixFromRows(rows), model.scaling);
    const gradient = new Float64Array(6);
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < 2; c++) {
        const r = (p[i * 2 + c] - (labels[i] === c ? 1 : 0)) / n;
        gradient[4 + c] += r;
        for (let j = 0; j < 2; j++) gradient[j * 2 + c] += z.data[i * 2 + j] * r;
      }
    }
    for (let k = 0; k < 4; k++) gradient[k] += 1e-3 * model.weights[k];
    expectClose(gradient, new Float64Array(6), 1e-8);
  });

  it('matches the optimum of a one-feature, two-point problem solved by bisection', () => {
    // x = -1 -> class 0, x = +1 -> class 1 (already standardised). By symmetry w0 = -w1 and b0 = b1, so
    // p1(x) = s(2 w1 x) and the stationarity condition for w1 is mean_i x_i (p1(x_i) - y_i) + lambda w1
    // = s(2 w1) - 1 + lambda w1 = 0, whose root we find by bisection.
    const lambda = 0.1;
    const model = fitLogistic(matrixFromRows([[-1], [1]]), [0, 1], 2, {
      lambda,
      tolerance: 1e-12,
      maxIterations: 100_000,
    });
    const condition = (w: number) => 1 / (1 + Math.exp(-2 * w)) - 1 + lambda * w;
    let [low, high] = [0, 100];
    for (let i = 0; i < 200; i++) {
      const mid = (low + high) / 2;
      if (condition(mid) < 0) low = mid;
      else high = mid;
    }
    expect(model.weights[1]).toBeCloseTo(low, 9);
    expect(model.weights[0]).toBeCloseTo(-low, 9);
    expect(model.intercepts[0]).toBeCloseTo(model.intercepts[1], 9);
  });

  it('balanced class weights give each class the same total weight', () => {
    const weights = balancedClassWeights([0, 0, 0, 1], 2);
    expectClose(weights, [4 / 6, 4 / 6, 4 / 6, 2], 1e-12);
  });
});

describe('metrics', () => {
  it('AUROC counts pairs, ties as half (hand-computed)', () => {
    expect(auroc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(0.75, 12);
    expect(auroc([0, 1, 0, 1], [0.5, 0.5, 0.2, 0.9])).toBeCloseTo((1 + 0.5 + 1 + 1) / 4, 12);
    expect(auroc([1, 1], [0.1, 0.2])).toBeNaN();
    // Three classes, perfect scores.
    const probabilities = Float64Array.from([0.8, 0.1, 0.1, 0.1, 0.8, 0.1, 0.1, 0.1, 0.8]);
    expect(macroAuroc([0, 1, 2], probabilities, 3)).toBe(1);
  });

  it('MAE, R^2 and balanced accuracy', () => {
    expect(meanAbsoluteError([1, 2, 3], [2, 2, 5])).toBeCloseTo(1, 12);
    expect(rSquared([1, 2, 3], [1, 2, 3])).toBe(1);
    expect(rSquared([1, 2, 3], [2, 2, 2])).toBe(0);
    expect(balancedAccuracy([0, 0, 0, 1], [0, 0, 0, 0])).toBe(0.5);
    expect(balancedAccuracy([0, 0, 1, 1], [0, 1, 1, 1])).toBe(0.75);
  });
});

describe('blocked cross-validation', () => {
  // Windows of 10 s every 5 s: neighbours overlap.
  const spans = Array.from({ length: 20 }, (_, i) => ({ start: 5 * i, end: 5 * i + 10 }));

  it('tests every example once and never trains on a window overlapping the test block', () => {
    const folds = blockedFolds(spans, 4);
    expect(folds.flatMap((f) => f.test).sort((a, b) => a - b)).toEqual(spans.map((_, i) => i));
    for (const { test, train } of folds) {
      const start = Math.min(...test.map((i) => spans[i].start));
      const end = Math.max(...test.map((i) => spans[i].end));
      for (const i of train) expect(spans[i].end <= start || spans[i].start >= end).toBe(true);
      expect(train.length).toBeGreaterThan(0);
    }
    // The second block (windows 5-9, 25-75 s) loses windows 4 (20-30 s) and 10 (50-60 s) from training.
    expect(folds[1].test).toEqual([5, 6, 7, 8, 9]);
    expect(folds[1].train).not.toContain(4);
    expect(folds[1].train).not.toContain(10);
    expect(folds[1].train).toContain(3);
    const inner = blockedHoldout(spans, folds[0].train, 0.25);
    expect(inner.test).toEqual([16, 17, 18, 19]);
    expect(inner.train).not.toContain(15);
  });

  it('a probe finds a linearly encoded target and a linearly separable class', () => {
    const n = 100;
    const a = randomValues(n, 21);
    const b = randomValues(n, 22);
    const rows = Array.from({ length: n }, (_, i) => [a[i], b[i], a[i] * b[i]]);
    const windows = Array.from({ length: n }, (_, i) => ({ start: i, end: i + 1 }));
    const target = rows.map(([u, v]) => 800 + 50 * u - 20 * v);
    const regression = probeRegression(matrixFromRows(rows), target, windows);
    expect(regression.mae).toBeLessThan(0.5);
    expect(regression.r2).toBeGreaterThan(0.999);
    const labels = rows.map(([u]) => (u > 0 ? 1 : 0));
    const classification = probeClassification(matrixFromRows(rows), labels, 2, windows);
    expect(classification.auroc).toBeGreaterThan(0.99);
    expect(classification.balancedAccuracy).toBeGreaterThan(0.9);
    // Noise features: chance level.
    const noise = probeClassification(
      matrixFromRows(rows.map((_, i) => [randomValues(1, 100 + i)[0]])),
      labels,
      2,
      windows,
    );
    expect(noise.auroc).toBeLessThan(0.7);
  });
});

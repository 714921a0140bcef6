import * as tf from '@tensorflow/tfjs';

// Tests run on the plain JavaScript CPU backend unless a test switches (the wasm comparisons switch back).
await tf.setBackend('cpu');
await tf.ready();

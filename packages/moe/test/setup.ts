import * as tf from '@tensorflow/tfjs';

// Every test runs on the plain JavaScript CPU backend, in float32.
await tf.setBackend('cpu');
await tf.ready();

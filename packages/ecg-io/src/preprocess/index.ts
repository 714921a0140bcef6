// Filled in by the preprocess module.
export {};

// Filled in by the edf module.
export {};

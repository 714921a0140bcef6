// Filled in by the annotations module.
export {};

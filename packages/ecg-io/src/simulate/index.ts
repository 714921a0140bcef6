// Filled in by the simulate module.
export {};

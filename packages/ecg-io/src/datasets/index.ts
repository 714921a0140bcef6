// Filled in by the datasets module.
export {};

// Filled in by the io module.
export {};

// Filled in by the wfdb module.
export {};

/** The standard 12 leads, in the conventional order. */
export const STANDARD_12_LEADS = [
  'I',
  'II',
  'III',
  'aVR',
  'aVL',
  'aVF',
  'V1',
  'V2',
  'V3',
  'V4',
  'V5',
  'V6',
] as const;

/** One of the standard 12 lead names. */
export type StandardLead = (typeof STANDARD_12_LEADS)[number];

/** Canonical lead names: the 12 standard leads plus common extra leads (Frank XYZ, modified limb leads). */
export type LeadName = StandardLead | 'X' | 'Y' | 'Z' | 'V3R' | 'V4R' | 'V5R' | 'V7' | 'V8' | 'V9';

const ALIASES: ReadonlyMap<string, LeadName> = buildAliases();

function buildAliases(): Map<string, LeadName> {
  const map = new Map<string, LeadName>();
  const canonical: LeadName[] = [...STANDARD_12_LEADS, 'X', 'Y', 'Z', 'V3R', 'V4R', 'V5R', 'V7', 'V8', 'V9'];
  for (const lead of canonical) map.set(normalise(lead), lead);
  // Spellings seen in PhysioNet databases (MIT-BIH's modified limb lead "MLII", "MLI", Roman/Arabic numerals,
  // "lead II", "ECG II", "-aVR" etc.).
  const extra: [string, LeadName][] = [
    ['MLI', 'I'],
    ['MLII', 'II'],
    ['MLIII', 'III'],
    ['1', 'I'],
    ['2', 'II'],
    ['3', 'III'],
    ['D1', 'I'],
    ['D2', 'II'],
    ['D3', 'III'],
    ['VX', 'X'],
    ['VY', 'Y'],
    ['VZ', 'Z'],
  ];
  for (const [alias, lead] of extra) map.set(normalise(alias), lead);
  return map;
}

/** Lower-cases and strips the decorations that surround lead names in headers ("ECG lead II" -> "ii"). */
function normalise(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/^(ecg|ekg)[\s_-]*/, '')
    .replace(/^lead[\s_-]*/, '')
    .replace(/[\s_-]+/g, '');
}

/**
 * The canonical lead name for a signal description, or `null` when it is not an ECG lead this library knows
 * (e.g. `ABP`, `PLETH`, `RESP`). Case, "lead"/"ECG" prefixes, spaces and MIT-BIH's "ML" prefix are ignored:
 * `MLII`, `ii`, `II`, `Lead II` -> `II`; `avr`, `AVR`, `aVR` -> `aVR`.
 */
export function canonicalLeadName(name: string): LeadName | null {
  return ALIASES.get(normalise(name)) ?? null;
}

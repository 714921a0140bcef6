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

/** Canonical lead names: the 12 standard leads plus common extra leads (Frank XYZ, right-sided, posterior). */
export type LeadName = StandardLead | 'X' | 'Y' | 'Z' | 'V3R' | 'V4R' | 'V5R' | 'V7' | 'V8' | 'V9';

/** Every canonical lead name, standard 12 first. */
export const ALL_LEADS: readonly LeadName[] = [
  ...STANDARD_12_LEADS,
  'X',
  'Y',
  'Z',
  'V3R',
  'V4R',
  'V5R',
  'V7',
  'V8',
  'V9',
];

/** Spellings (already normalised: lower case, no spaces, dashes or underscores) beyond the canonical names. */
const EXTRA_SPELLINGS: readonly (readonly [string, LeadName])[] = [
  // MIT-BIH and other PhysioNet databases: modified limb leads.
  ['mli', 'I'],
  ['mlii', 'II'],
  ['mliii', 'III'],
  // "Derivation" numbering used in French, Spanish, Italian and Portuguese tracings.
  ['d1', 'I'],
  ['d2', 'II'],
  ['d3', 'III'],
  ['di', 'I'],
  ['dii', 'II'],
  ['diii', 'III'],
  // IEC chest-electrode names C1..C6 (European devices) for V1..V6.
  ['c1', 'V1'],
  ['c2', 'V2'],
  ['c3', 'V3'],
  ['c4', 'V4'],
  ['c5', 'V5'],
  ['c6', 'V6'],
  // Frank orthogonal leads as written in PTB (vx, vy, vz).
  ['vx', 'X'],
  ['vy', 'Y'],
  ['vz', 'Z'],
];

/** Arabic numerals name limb leads only after the word "lead": "Lead 2" is II, "ECG2" is channel 2. */
const NUMBERED_LIMB_LEADS: ReadonlyMap<string, LeadName> = new Map([
  ['1', 'I'],
  ['2', 'II'],
  ['3', 'III'],
]);

const ALIASES: ReadonlyMap<string, LeadName> = new Map([
  ...ALL_LEADS.map((lead): [string, LeadName] => [squash(lead.toLowerCase()), lead]),
  ...EXTRA_SPELLINGS,
]);

/** Lower case without spaces, dashes, underscores or dots. */
function squash(text: string): string {
  return text.replace(/[\s_.-]+/g, '');
}

/**
 * The canonical lead name for a signal description, or `null` when it is not an ECG lead this library knows
 * (e.g. `ABP`, `PLETH`, `RESP`, or a bare channel number such as `ECG1`).
 *
 * Accepted: any case; "ECG"/"EKG" and "lead" prefixes (`ECG lead II`, `EKG_V1`); spaces, dashes, dots and
 * underscores inside the name (`V-1`, `a VR`); MIT-BIH modified limb leads `MLI`, `MLII`, `MLIII`;
 * `D1`-`D3` / `DI`-`DIII`; IEC chest names `C1`-`C6` (= `V1`-`V6`); Frank `X`/`Y`/`Z` and `VX`/`VY`/`VZ`;
 * right-sided `V3R`-`V5R` and posterior `V7`-`V9`; `Lead 1`-`Lead 3` for I-III.
 * Not accepted, because they are different signals: inverted `-aVR` (Cabrera display) and modified chest
 * leads such as `MCL1`.
 */
export function canonicalLeadName(name: string): LeadName | null {
  // A minus sign at the start or after a space inverts the lead ("-aVR", "lead -aVR"); "ECG-aVL" is a separator.
  if (/(^|\s)[-\u2212]/.test(name.trim())) return null;
  const match = /^(?:(?:ecg|ekg)[\s_.-]*)?(lead[\s_.-]*)?(.*)$/i.exec(name.trim());
  if (match === null) return null;
  const hasLeadWord = match[1] !== undefined;
  const core = squash(match[2].toLowerCase());
  if (hasLeadWord && NUMBERED_LIMB_LEADS.has(core)) return NUMBERED_LIMB_LEADS.get(core) ?? null;
  return ALIASES.get(core) ?? null;
}

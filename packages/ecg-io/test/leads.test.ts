import { describe, expect, it } from 'vitest';
import { ALL_LEADS, canonicalLeadName, STANDARD_12_LEADS } from '../src/leads.js';

describe('canonicalLeadName', () => {
  it('maps every canonical name to itself, in any case', () => {
    for (const lead of ALL_LEADS) {
      expect(canonicalLeadName(lead)).toBe(lead);
      expect(canonicalLeadName(lead.toUpperCase())).toBe(lead);
      expect(canonicalLeadName(lead.toLowerCase())).toBe(lead);
    }
    expect(ALL_LEADS.slice(0, 12)).toEqual([...STANDARD_12_LEADS]);
  });

  it.each([
    ['MLII', 'II'],
    ['MLI', 'I'],
    ['MLIII', 'III'],
    ['ECG lead II', 'II'],
    ['Lead I', 'I'],
    ['lead_aVF', 'aVF'],
    ['EKG V1', 'V1'],
    ['ECG_V6', 'V6'],
    ['ECG-aVL', 'aVL'],
    ['a VR', 'aVR'],
    ['V-2', 'V2'],
    ['v 3', 'V3'],
    ['C4', 'V4'],
    ['c6', 'V6'],
    ['D1', 'I'],
    ['DII', 'II'],
    ['diii', 'III'],
    ['Lead 2', 'II'],
    ['lead-3', 'III'],
    ['vx', 'X'],
    ['VZ', 'Z'],
    ['v4r', 'V4R'],
    ['V8', 'V8'],
    ['  II  ', 'II'],
  ])('%s -> %s', (name, lead) => {
    expect(canonicalLeadName(name)).toBe(lead);
  });

  it.each([
    'ABP',
    'PLETH',
    'RESP',
    'ECG1',
    'ECG 2',
    '1',
    '3',
    '-aVR',
    'lead −aVR',
    'MCL1',
    'V7R',
    'Lead',
    '',
    'V10',
    'IIII',
  ])('%j is not a known lead', (name) => {
    expect(canonicalLeadName(name)).toBeNull();
  });
});

import type { StructurePayload, Triple } from '../api/contract.js';

/** Where a structure came from, as the structure list shows it. */
export type StructureSource = StructurePayload['source'];

/**
 * Everything about one structure that an edit can change, except its mask: what each undo step
 * saves (as JSON) next to the mask. Review state is kept apart (ws_reviews): it is not undoable.
 */
export interface StructureContent {
  readonly id: string;
  readonly name: string;
  readonly color: Triple;
  readonly interpretedType: string;
  readonly source: StructureSource;
  /** Model id and version, the RTSTRUCT label and file, the rule, or who drew it. */
  readonly origin: string;
  /** The rule of a derived structure, '' otherwise. */
  readonly rule: string;
  /**
   * A rule result that reads an AI draft (directly or through another such result): its shape
   * carries the model's suggestion, so sequential reading hides it like the draft itself.
   */
  readonly fromAiDraft?: boolean;
  /** Changes whenever the mask changes (and comes back with it on undo): what a rule result was built from is checked against it. */
  readonly maskVersion?: string;
  /** A rule result's operands, with the mask version each had when the rule ran. */
  readonly sources?: readonly RuleSource[];
  readonly warnings: readonly string[];
}

export interface RuleSource {
  readonly id: string;
  readonly name: string;
  readonly maskVersion: string;
}

/** A structure in memory: its content and its full-grid 0/1 mask. */
export interface LiveStructure {
  readonly content: StructureContent;
  readonly mask: Uint8Array;
  readonly voxelCount: number;
}

export function countVoxels(mask: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < mask.length; i++) n += mask[i]!;
  return n;
}

export function parseContent(json: string): StructureContent {
  const v = JSON.parse(json) as StructureContent;
  if (typeof v.id !== 'string' || typeof v.name !== 'string' || !Array.isArray(v.color)) throw new TypeError('saved structure content is damaged');
  return v;
}

/**
 * Letters of other scripts drawn like a Latin letter (Cyrillic and Greek), by how they look: 'GТV'
 * with a Cyrillic Т reads as GTV on every screen and in every planning system's list.
 */
const LOOKALIKES: ReadonlyMap<string, string> = new Map(
  [
    'АA', 'ВB', 'ЕE', 'КK', 'МM', 'НH', 'ОO', 'РP', 'СC', 'ТT', 'УY', 'ХX', 'ІI', 'ЈJ', 'ЅS', 'ԌG', 'ԚQ', 'ԜW', 'ӀI',
    'аa', 'еe', 'оo', 'рp', 'сc', 'уy', 'хx', 'іi', 'јj', 'ѕs', 'ԁd', 'ӏl', 'ԛq', 'ԝw', 'һh',
    'ΑA', 'ΒB', 'ΕE', 'ΖZ', 'ΗH', 'ΙI', 'ΚK', 'ΜM', 'ΝN', 'ΟO', 'ΡP', 'ΤT', 'ΥY', 'ΧX',
    'οo', 'νv', 'ιi', 'κk', 'ρp',
  ].map((pair) => [pair[0]!, pair[1]!] as const),
);

/**
 * The key under which structure names must be unique on a series: names that a reader or a planning
 * system cannot tell apart are one name. They differ only in case, in compatibility forms (full-width
 * 'ＧＴＶ', ligatures: NFKC), or in letters of another script that look Latin.
 */
export function nameKey(name: string): string {
  const latin = (text: string): string => [...text].map((c) => LOOKALIKES.get(c) ?? c).join('');
  // Small letters first (Greek ν reads as v), then the capitals of what is left (Cyrillic т is a small Т).
  return latin(latin(name.normalize('NFKC')).toUpperCase()).toLowerCase();
}

/** Why `name` cannot stand beside `existing` (their keys are equal), in words a user acts on. */
export function sameNameReason(name: string, existing: string): string {
  return name.toLowerCase() === existing.toLowerCase()
    ? `'${name}' differs from the existing '${existing}' only in case; choose another name`
    : `'${name}' looks the same as the existing '${existing}' (it differs only in look-alike or compatibility characters); choose another name`;
}

/**
 * What no structure name may hold. ROI Name (3006,0026) is LO: no backslash or control characters
 * (PS3.5 6.2). Invisible format characters (zero-width space and joiners, byte-order mark, direction
 * marks) are refused too: they make a name that looks like another but is not.
 */
const UNUSABLE_IN_NAME = /[\\\p{Cc}\p{Cf}]/u;

/** The trimmed name, or why it cannot be a structure name. */
export function usableName(raw: string): { name: string } | { error: string } {
  const name = raw.trim();
  if (name === '' || [...name].length > 64 || UNUSABLE_IN_NAME.test(name)) {
    return { error: `'${raw}' is not a usable structure name (1–64 characters, no backslash, control or invisible characters)` };
  }
  return { name };
}

/**
 * Structure names as a reader and a planning system see them. Rules, planning systems and people
 * address structures by name, so on one series (and in one structure set) a name must be unique as
 * it is read: the same limits hold for a name typed in the structure list, a rule's target in the
 * application and in `delineate derive`, and the names checked before a structure set is written.
 */

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

/**
 * Why `target` cannot be the name of a new structure beside `existing`, or null when it can: the
 * limits of usableName, no leading or trailing spaces (DICOM readers strip them, so ' GTV' would
 * become a second 'GTV'), and no name that reads the same as one already there.
 */
export function newNameProblem(target: string, existing: Iterable<string>): string | null {
  const checked = usableName(target);
  if ('error' in checked) return checked.error;
  if (checked.name !== target) return `'${target}' has leading or trailing spaces, which DICOM readers strip; write it without them`;
  const names = [...existing];
  if (names.includes(target)) return `'${target}' already exists; give the new structure another name`;
  const alike = names.find((name) => nameKey(name) === nameKey(target));
  return alike === undefined ? null : sameNameReason(target, alike);
}

/**
 * A person's name as DICOM keeps it (PN, PS3.5 6.2): components family^given^middle^prefix^suffix.
 * The reviewer's name is stored in this form, so the same text is written to Reviewer Name and ROI
 * Interpreter and compared when deciding whose steps are whose; people read it through
 * displayPersonName. Pure: the renderer uses it too.
 */

export interface PersonNameParts {
  readonly family: string;
  readonly given: string;
}

/** Characters a PN value cannot hold: the value delimiter, the component-group delimiter, control characters. */
const FORBIDDEN = /[\\=\x00-\x1f\x7f]/;

/** Each PN component group is at most 64 characters (PS3.5 table 6.2-1). */
export const PERSON_NAME_MAX = 64;

/**
 * "Family^Given" from the form's two fields, each trimmed; no trailing empty component. An error
 * naming the problem when the result could not be written as a PN value.
 */
export function composePersonName(parts: PersonNameParts): { name: string } | { error: string } {
  const family = parts.family.trim();
  const given = parts.given.trim();
  if (family === '') return { error: 'the family name is required' };
  for (const [label, value] of [['family name', family], ['given name', given]] as const) {
    if (value.includes('^')) return { error: `the ${label} cannot contain '^'` };
    if (FORBIDDEN.test(value)) return { error: `the ${label} cannot contain a backslash, '=' or control characters` };
  }
  const name = given === '' ? family : `${family}^${given}`;
  if ([...name].length > PERSON_NAME_MAX) return { error: `the name is longer than ${PERSON_NAME_MAX} characters` };
  return { name };
}

/**
 * A name as the settings store it: each component trimmed, trailing empty components dropped, the
 * family name required, at most five components and 64 characters. A name without '^' is one
 * family-name component (how names were saved before they had parts).
 */
export function normalisePersonName(name: string): { name: string } | { error: string } {
  if (FORBIDDEN.test(name)) return { error: "your name cannot contain a backslash, '=' or control characters" };
  const components = name.split('^').map((c) => c.trim());
  if (components.length > 5) return { error: 'a name has at most five parts (family^given^middle^prefix^suffix)' };
  while (components.length > 1 && components[components.length - 1] === '') components.pop();
  if (components[0] === '') return { error: 'the family name is required' };
  const normalised = components.join('^');
  if ([...normalised].length > PERSON_NAME_MAX) return { error: `your name must be at most ${PERSON_NAME_MAX} characters` };
  return { name: normalised };
}

/** The form's fields for a stored name; a name saved before names had parts is all family name. */
export function personNameParts(name: string): PersonNameParts {
  const [family = '', given = '', ...rest] = name.split('^');
  return { family: family.trim(), given: [given, ...rest.slice(0, 1)].map((s) => s.trim()).filter((s) => s !== '').join(' ') };
}

/** "Prefix Given Middle Family, Suffix" for people to read ("Lovelace^Ada" reads "Ada Lovelace"). */
export function displayPersonName(name: string): string {
  if (!name.includes('^')) return name.trim();
  const [family = '', given = '', middle = '', prefix = '', suffix = ''] = name.split('^').map((s) => s.trim());
  const main = [prefix, given, middle, family].filter((s) => s !== '').join(' ');
  return suffix === '' ? main : `${main}, ${suffix}`;
}

/**
 * The PN value to write. A stored "Family^Given" goes as it is. A name without components (saved by
 * an earlier version, or given whole through the API) is written as the family-name component with
 * its delimiter, "Name^", so that no reader takes it for the retired ACR-NEMA free-text form; which
 * word is the surname is never guessed. Characters PN cannot hold become spaces; at most 64.
 */
export function dicomPersonName(name: string): string {
  const cleaned = [...name.replace(/[\\=\x00-\x1f\x7f]/g, ' ').trim()];
  if (cleaned.length === 0 || cleaned.includes('^')) return cleaned.slice(0, PERSON_NAME_MAX).join('');
  return `${cleaned.slice(0, PERSON_NAME_MAX - 1).join('').trimEnd()}^`;
}

import { describe, expect, it } from 'vitest';
import {
  composePersonName, dicomPersonName, displayPersonName, normalisePersonName, personNameParts,
} from '../../core/api/person-name.js';
import { checkSettings } from '../../core/workspace/settings.js';

/**
 * The reviewer's name is kept as a DICOM person name (PS3.5 6.2, family^given^middle^prefix^suffix)
 * because it is written as it is into Reviewer Name and ROI Interpreter; people read it through
 * displayPersonName.
 */
describe('reviewer names as DICOM person names', () => {
  it('composes family^given from the form, trimmed, without a trailing empty component', () => {
    expect(composePersonName({ family: ' Smith ', given: ' Anna ' })).toEqual({ name: 'Smith^Anna' });
    expect(composePersonName({ family: 'Smith', given: '  ' })).toEqual({ name: 'Smith' });
    expect(composePersonName({ family: 'van der Berg', given: 'Jan Willem' })).toEqual({ name: 'van der Berg^Jan Willem' });
    expect(composePersonName({ family: 'Müller', given: 'Jörg' })).toEqual({ name: 'Müller^Jörg' });
  });

  it('refuses what a PN value cannot hold, naming the field', () => {
    expect(composePersonName({ family: '', given: 'Anna' })).toEqual({ error: 'the family name is required' });
    expect(composePersonName({ family: 'Smith^Jones', given: '' })).toEqual({ error: "the family name cannot contain '^'" });
    expect(composePersonName({ family: 'Smith', given: 'A\\B' })).toEqual({ error: "the given name cannot contain a backslash, '=' or control characters" });
    expect(composePersonName({ family: 'Smith', given: 'A=B' })).toEqual({ error: "the given name cannot contain a backslash, '=' or control characters" });
    expect(composePersonName({ family: 'x'.repeat(40), given: 'y'.repeat(24) })).toEqual({ error: 'the name is longer than 64 characters' });
    expect(composePersonName({ family: 'x'.repeat(40), given: 'y'.repeat(23) })).toEqual({ name: `${'x'.repeat(40)}^${'y'.repeat(23)}` });
  });

  it('reads a stored name back into the form, an older whole name as the family name', () => {
    expect(personNameParts('Smith^Anna')).toEqual({ family: 'Smith', given: 'Anna' });
    expect(personNameParts('Dr A. Smith')).toEqual({ family: 'Dr A. Smith', given: '' });
    expect(personNameParts('Smith^Anna^Maria^Dr')).toEqual({ family: 'Smith', given: 'Anna Maria' });
    expect(personNameParts('')).toEqual({ family: '', given: '' });
  });

  it('shows prefix, given, middle, family and suffix in reading order', () => {
    expect(displayPersonName('Smith^Anna')).toBe('Anna Smith');
    expect(displayPersonName('Smith')).toBe('Smith');
    expect(displayPersonName('Dr A. Smith')).toBe('Dr A. Smith');
    expect(displayPersonName('Smith^Anna^Maria^Dr^PhD')).toBe('Dr Anna Maria Smith, PhD');
    expect(displayPersonName('Smith^^^Dr')).toBe('Dr Smith');
  });

  it('writes a PN value with a component delimiter, so no reader takes it for the retired free-text form', () => {
    expect(dicomPersonName('Smith^Anna')).toBe('Smith^Anna');
    // A whole name from before names had parts: all of it is the family name; the surname is not guessed.
    expect(dicomPersonName('Dr A. Smith')).toBe('Dr A. Smith^');
    expect(dicomPersonName('x'.repeat(64))).toBe(`${'x'.repeat(63)}^`);
    expect([...dicomPersonName('x'.repeat(64))]).toHaveLength(64);
    expect(dicomPersonName('A\\B=C')).toBe('A B C^');
    expect(dicomPersonName('')).toBe('');
  });

  it('normalises a name given through the API and refuses one that cannot be written', () => {
    expect(normalisePersonName(' Smith ^ Anna ^ ')).toEqual({ name: 'Smith^Anna' });
    expect(normalisePersonName('Ada Tester')).toEqual({ name: 'Ada Tester' });
    expect(normalisePersonName('^Anna')).toEqual({ error: 'the family name is required' });
    expect(normalisePersonName('   ')).toEqual({ error: 'the family name is required' });
    expect(normalisePersonName('a^b^c^d^e^f')).toEqual({ error: 'a name has at most five parts (family^given^middle^prefix^suffix)' });
    expect(normalisePersonName('Smith\nAnna')).toEqual({ error: "your name cannot contain a backslash, '=' or control characters" });
    expect(normalisePersonName('x'.repeat(65))).toEqual({ error: 'your name must be at most 64 characters' });
    expect(() => checkSettings({ reviewer: { name: '^Anna', role: 'physician' }, sequentialReading: true })).toThrow('the family name is required');
    expect(checkSettings({ reviewer: { name: 'Smith ^Anna', role: 'physician' }, sequentialReading: false })).toEqual({
      reviewer: { name: 'Smith^Anna', role: 'physician' }, sequentialReading: false,
    });
  });
});

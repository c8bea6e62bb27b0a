import type { Dataset } from '../dicom/dcmjs.js';

/**
 * Patient and General Study module attributes (PS3.3 C.7.1.1, C.7.2.1) copied from the images, so
 * the structure set files into the same patient and study. The type-2 ones are written empty when
 * the images lack them. De-identification flags travel with them: a derived object of
 * de-identified images is itself de-identified (PS3.15 E.1).
 */
const TYPE_2 = [
  'PatientName', 'PatientID', 'PatientBirthDate', 'PatientSex',
  'StudyDate', 'StudyTime', 'ReferringPhysicianName', 'StudyID', 'AccessionNumber',
] as const;
const OPTIONAL = [
  'StudyDescription', 'IssuerOfPatientID', 'OtherPatientIDsSequence', 'PatientAge', 'PatientIdentityRemoved',
  'DeidentificationMethod', 'DeidentificationMethodCodeSequence',
] as const;

/**
 * Character limits of the copied string attributes (PS3.5 table 6.2-1: SH 16, LO 64, CS 16, AS 4).
 * Real images break them (mirp-sts carries a 17-character Study ID); a copied value over its limit
 * would make our file fail validation, so it is cut, with a warning, rather than copied verbatim.
 */
const MAX_CHARS: Record<string, number> = {
  PatientID: 64, PatientSex: 16, StudyID: 16, AccessionNumber: 16, StudyDescription: 64, IssuerOfPatientID: 64, PatientAge: 4,
  DeidentificationMethod: 64,
};

export function patientAndStudy(reference: Dataset): { attributes: Dataset; warnings: string[] } {
  const out: Dataset = {};
  const warnings: string[] = [];
  const study = reference['StudyInstanceUID'];
  if (typeof study !== 'string' || study === '') throw new Error('the reference image has no StudyInstanceUID to file the object under');
  out['StudyInstanceUID'] = study;
  const copy = (key: string) => {
    const value = reference[key];
    const max = MAX_CHARS[key];
    if (max !== undefined && typeof value === 'string' && [...value].length > max) {
      const cut = [...value].slice(0, max).join('');
      warnings.push(`${key} '${value}' of the images exceeds ${max} characters; written as '${cut}'`);
      out[key] = cut;
    } else {
      out[key] = value;
    }
  };
  for (const key of TYPE_2) {
    if (present(reference[key])) copy(key);
    else out[key] = '';
  }
  for (const key of OPTIONAL) if (present(reference[key])) copy(key);
  return { attributes: out, warnings };
}

function present(v: unknown): boolean {
  return v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);
}

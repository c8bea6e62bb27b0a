import type { Dataset } from '../../../core/dicom/dcmjs.js';

/** Patient/study header of a synthetic image series, with a non-ASCII name to exercise the charset. */
export function syntheticReference(): Dataset {
  return {
    SpecificCharacterSet: 'ISO_IR 192',
    PatientName: [{ Alphabetic: 'Müller^Jürgen' }],
    PatientID: 'DL-0001',
    PatientBirthDate: '19600101',
    PatientSex: 'M',
    StudyInstanceUID: '2.25.55555555555555555555555555555555555',
    StudyDate: '20240102',
    StudyTime: '101500',
    ReferringPhysicianName: [{ Alphabetic: 'Curie^Marie' }],
    StudyID: 'S1',
    AccessionNumber: 'A123',
    StudyDescription: 'Synthetic study',
    Modality: 'CT',
  };
}

import type { Settings } from '../api/contract.js';
import { normalisePersonName } from '../api/person-name.js';
import { EditRefused } from './edit-refused.js';

/**
 * Settings as saved: the reviewer's name in DICOM person-name form ("Family^Given", PS3.5 6.2), each
 * part trimmed, because it goes into Reviewer Name and ROI Interpreter as it is.
 */
export function checkSettings(settings: Settings): Settings {
  if (settings.reviewer === null) return { reviewer: null, sequentialReading: settings.sequentialReading };
  const checked = normalisePersonName(settings.reviewer.name);
  if ('error' in checked) throw new EditRefused(checked.error);
  return { reviewer: { name: checked.name, role: settings.reviewer.role }, sequentialReading: settings.sequentialReading };
}

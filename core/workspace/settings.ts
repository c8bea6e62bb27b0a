import type { Settings } from '../api/contract.js';
import { EditRefused } from './edit-refused.js';

/** Settings as saved: the reviewer's name trimmed and required to be usable on a record. */
export function checkSettings(settings: Settings): Settings {
  if (settings.reviewer === null) return { reviewer: null, sequentialReading: settings.sequentialReading };
  const name = settings.reviewer.name.trim();
  // The name goes into Reviewer Name and ROI Interpreter (PN, 64 characters per component group, PS3.5 6.2).
  if (name === '' || [...name].length > 64 || /[\\\x00-\x1f\x7f]/.test(name)) {
    throw new EditRefused('your name must be 1–64 characters, without backslash or control characters');
  }
  return { reviewer: { name, role: settings.reviewer.role }, sequentialReading: settings.sequentialReading };
}

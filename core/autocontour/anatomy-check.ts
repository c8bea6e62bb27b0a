import type { Dataset } from '../dicom/dcmjs.js';
import { getString } from '../dicom/attributes.js';

/**
 * The shipped MR models contour brains. A series whose Body Part Examined (0018,0015) names
 * another region (a thigh, a pelvis) would give confident nonsense — a "Brain" in a leg — so it
 * is refused. A series without the attribute is allowed: many exports leave it empty.
 */
const HEAD_TERMS = /HEAD|BRAIN|SKULL|NEURO|CRANI|HEADNECK|HEAD_NECK|ORBIT|SELLA|IAC|NECK/i;

export function headModelRefusal(reference: Dataset, modality: string): string | undefined {
  if (modality !== 'MR') return undefined;
  const part = getString(reference, 'BodyPartExamined');
  if (!part || HEAD_TERMS.test(part)) return undefined;
  return `the brain models contour the head; this series' Body Part Examined is ${part}`;
}

import { ownDescription, parseReviewRecord, type ReviewRecord } from './review-record.js';

/**
 * An ROI Description arriving with a mask read from a file (NIfTI from `rtstruct-to-nifti`, or any
 * other tool): the file cannot show that the mask is still the contour the record speaks of. A
 * record of a draft (AI draft, edited) or a rejection claims no approval and is kept as it is, so an
 * AI draft goes back out as an AI draft. A record of an approval is dropped, summary line and all,
 * with the ROI's own description kept: re-exported, it would put "APPROVED … by" beside a contour
 * nobody has approved — the mask may have been edited in between — and the ROI Interpreter that
 * must accompany an approval cannot travel with a mask either.
 */
export function withoutUnprovenApproval(description: string): { description: string; dropped: ReviewRecord | undefined } {
  const record = parseReviewRecord(description);
  if (record?.state !== 'approved') return { description, dropped: undefined };
  return { description: ownDescription(description).trim(), dropped: record };
}

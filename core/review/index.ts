/** Structure review, provenance, edit-effort and confidence: pure functions over plain data. */
export * from './review-types.js';
export { ReviewError, type ReviewErrorCode } from './review-error.js';
export {
  applyReviewAction, approvalHistory, createAiDraft, createDrawnStructure, currentDecision, DEFAULT_REVIEW_POLICY, draftState, hasLookedAt, isLocked,
  type ReviewPolicy,
} from './structure-state.js';
export {
  approveStructure, approveStructures, createReviewSession, DEFAULT_REVIEW_SETTINGS, editStructure, findStructure, hasLookedAtImages, isHidden,
  newRevision, openStructure, recordImageLook, rejectStructure, visibleStructures, type ImageLook, type ReviewSession, type ReviewSettings,
} from './review-session.js';
export {
  approvalModule, contributingEquipment, generationAlgorithm, generationDescription, personName, readProvenance, roiProvenance, structureSetProvenance,
  type ApprovalStatus, type ReadProvenance, type ReadRoiProvenance, type RoiProvenance, type StructureSetProvenance,
} from './provenance.js';
export { parseReviewRecord, reviewRecordOf, type ReviewRecord } from './review-record.js';
export { addedPathLengthMm, dice, editEffort, hausdorff95Mm, surfaceDice, type EditEffort, type EditEffortOptions, type MaskGrid } from './agreement.js';
export { lowConfidenceRegions, structureConfidence, structureVotes, voxelDisagreement, type LowConfidenceRegion, type StructureConfidence } from './confidence.js';
export { auditActor, auditInputFor, auditInputsBetween } from './review-audit.js';

import type { StructurePayload, Triple } from '../api/contract.js';

/** Where a structure came from, as the structure list shows it. */
export type StructureSource = StructurePayload['source'];

/**
 * Everything about one structure that an edit can change, except its mask: what each undo step
 * saves (as JSON) next to the mask. Review state is kept apart (ws_reviews): it is not undoable.
 */
export interface StructureContent {
  readonly id: string;
  readonly name: string;
  readonly color: Triple;
  readonly interpretedType: string;
  readonly source: StructureSource;
  /** Model id and version, the RTSTRUCT label and file, the rule, or who drew it. */
  readonly origin: string;
  /** The rule of a derived structure, '' otherwise. */
  readonly rule: string;
  /**
   * A rule result that reads an AI draft (directly or through another such result): its shape
   * carries the model's suggestion, so sequential reading hides it like the draft itself.
   */
  readonly fromAiDraft?: boolean;
  /** Changes whenever the mask changes (and comes back with it on undo): what a rule result was built from is checked against it. */
  readonly maskVersion?: string;
  /** A rule result's operands, with the mask version each had when the rule ran. */
  readonly sources?: readonly RuleSource[];
  readonly warnings: readonly string[];
}

export interface RuleSource {
  readonly id: string;
  readonly name: string;
  readonly maskVersion: string;
}

/** A structure in memory: its content and its full-grid 0/1 mask. */
export interface LiveStructure {
  readonly content: StructureContent;
  readonly mask: Uint8Array;
  readonly voxelCount: number;
}

export function countVoxels(mask: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < mask.length; i++) n += mask[i]!;
  return n;
}

export function parseContent(json: string): StructureContent {
  const v = JSON.parse(json) as StructureContent;
  if (typeof v.id !== 'string' || typeof v.name !== 'string' || !Array.isArray(v.color)) throw new TypeError('saved structure content is damaged');
  return v;
}

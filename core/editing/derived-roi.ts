import type { RoiInput } from '../rt/roi-input.js';
import type { DerivedStructure } from './rules/evaluate-rules.js';

/**
 * RT ROI Interpreted Type (PS3.3 C.8.8.8) of a structure made by a rule: PTV, CTV or GTV when the
 * name starts with that word (PTV, PTV_70, "CTV-N 2"), otherwise CONTROL — "structure used to
 * control or evaluate dose", what rings, crops and optimisation helpers are.
 */
export function interpretedTypeFor(name: string): string {
  const m = /^(PTV|CTV|GTV)(?![a-z])/i.exec(name.trim());
  return m ? m[1]!.toUpperCase() : 'CONTROL';
}

/**
 * The structure set entry for a rule's result. ROI Generation Algorithm (3006,0036) is
 * SEMIAUTOMATIC, "calculated with user assistance" (PS3.3 C.8.8.5): the software computed it, from
 * a rule a person wrote. ROI Generation Description (LO, 64 characters) carries the rule, clipped
 * if longer; ROI Description (ST, 1024) keeps it whole.
 */
export function derivedRoiInput(d: DerivedStructure, number: number): RoiInput {
  return {
    number,
    name: d.name,
    mask: d.mask,
    interpretedType: interpretedTypeFor(d.name),
    generationAlgorithm: 'SEMIAUTOMATIC',
    generationDescription: `rule: ${d.rule}`,
    description: `Derived by Delineate from ${d.operands.join(', ')} with the rule: ${d.rule}`.slice(0, 1024),
  };
}

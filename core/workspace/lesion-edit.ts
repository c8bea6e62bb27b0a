import type { EditCommand } from '../api/contract.js';
import { vec3 } from '../geometry/spaces.js';
import { growLesion, type LesionImage } from '../lesion/index.js';
import { applyEdit, checkName, type EditContext, type EditOutcome } from './apply-edit.js';
import { nameKey } from '../rt/roi-name.js';
import type { StructureContent } from './structure-content.js';

/** Lesion contours in a colour apart from the organ palette: GTVs are what the eye looks for first. */
const LESION_COLOUR = [255, 48, 48] as const;

/** The next free GTV_n on the series (GTV_1, GTV_2, …), as SRS lesion lists are numbered. */
export function nextLesionName(names: Iterable<string>): string {
  const taken = new Set([...names].map(nameKey));
  let n = 1;
  while (taken.has(nameKey(`GTV_${n}`))) n++;
  return `GTV_${n}`;
}

/**
 * applyEdit, with one-click lesion growing on `image`: each click becomes its own GTV structure,
 * SEMIAUTOMATIC (computed from a person's click), and stays editable with every other tool.
 */
export function editWithImage(image: LesionImage): (command: EditCommand, ctx: EditContext) => EditOutcome {
  return (command, ctx) => {
    if (command.kind !== 'lesion') return applyEdit(command, ctx);
    const [x, y, z] = command.seed;
    const growth = growLesion(image, vec3(x, y, z), { maxRadiusMm: command.maxRadiusMm });
    const names = [...ctx.structures.values()].map((s) => s.content.name);
    // A name the user gave meets the limits of any typed name; the default is the next free GTV_n.
    const name = command.name?.trim() ? checkName(command.name, ctx) : nextLesionName(names);
    const id = ctx.newId();
    const where = `(${x.toFixed(1)}, ${y.toFixed(1)}, ${z.toFixed(1)}) mm`;
    const tool = `one-click lesion at ${where}, max radius ${growth.maxRadiusMm} mm`;
    const content: StructureContent = { id, name, color: [...LESION_COLOUR], interpretedType: 'GTV', source: 'lesion', origin: tool, rule: '', warnings: growth.warnings };
    return {
      label: `lesion ${name} at ${where}`,
      changed: [{ content, mask: growth.mask, voxelCount: growth.voxelCount }],
      deleted: [],
      created: [{ id, how: 'assisted', tool }],
      contourChanged: [],
      warnings: growth.warnings,
    };
  };
}

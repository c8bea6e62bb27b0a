import type { InstalledModel, ModelRootOptions } from './model-registry.js';
import { findModels, listModels } from './model-registry.js';

export interface PlannedModel {
  readonly model: InstalledModel;
  /** False for a model run only because another needs its brain mask to crop. */
  readonly structuresReturned: boolean;
}

/**
 * Which models run, in which order: the requested ones (default every installed model for the
 * modality), plus any brain-mask model a crop rule names, and mask models first so their
 * bounding box exists when the others crop.
 */
export function planModels(
  modality: string,
  requestedIds: readonly string[] | undefined,
  roots: ModelRootOptions,
  useCropRules: boolean,
): PlannedModel[] {
  let ids = requestedIds;
  if (ids === undefined) {
    const catalogue = listModels(roots);
    ids = catalogue.models.filter((m) => m.manifest.modality === modality).map((m) => m.manifest.id);
    if (ids.length === 0) throw new Error(`no installed model segments ${modality} images (model folders: ${catalogue.roots.join(', ')})`);
  }
  if (ids.length === 0) throw new Error('no models requested');
  const requested = findModels([...new Set(ids)], roots);
  for (const m of requested) {
    if (m.manifest.modality !== modality) {
      throw new Error(`model ${m.manifest.id} segments ${m.manifest.modality} images; this series is ${modality || 'of unknown modality'}`);
    }
  }
  const planned: PlannedModel[] = requested.map((model) => ({ model, structuresReturned: true }));
  if (useCropRules) {
    for (const m of requested) {
      const crop = m.manifest.input.crop;
      if (crop.kind !== 'brain-mask' || planned.some((p) => p.model.manifest.id === crop.maskModel)) continue;
      const [mask] = findModels([crop.maskModel], roots);
      planned.push({ model: mask!, structuresReturned: false });
    }
    for (const p of planned) {
      const crop = p.model.manifest.input.crop;
      if (crop.kind !== 'brain-mask') continue;
      const mask = planned.find((q) => q.model.manifest.id === crop.maskModel)!;
      if (mask.model.manifest.input.crop.kind === 'brain-mask') {
        throw new Error(`model ${crop.maskModel} gives ${p.model.manifest.id} its crop, so it cannot itself crop to a brain mask`);
      }
    }
  }
  const isMaskProvider = (p: PlannedModel): boolean =>
    useCropRules && planned.some((q) => q.model.manifest.input.crop.kind === 'brain-mask' && q.model.manifest.input.crop.maskModel === p.model.manifest.id);
  return [...planned.filter(isMaskProvider), ...planned.filter((p) => !isMaskProvider(p))];
}

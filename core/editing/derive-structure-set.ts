import { placeContour } from '../contours/place-contour.js';
import { defaultSliceToleranceMm } from '../contours/rasterize.js';
import { lpsToIjk, sliceSpacingAlongNormalMm } from '../contours/slice-grid.js';
import type { Dataset } from '../dicom/dcmjs.js';
import { dcmjs } from '../dicom/dcmjs.js';
import { items, text } from '../rt/dataset-values.js';
import { dsValueBytes, formatContourData } from '../rt/decimal-string.js';
import { rasterizeStructureSet } from '../rt/rasterize-structure-set.js';
import { imageItem } from '../rt/reference-tree.js';
import type { RoiInput } from '../rt/roi-input.js';
import type { RtRoi, StructureSet } from '../rt/rt-types.js';
import type { BuiltRtStruct, RtStructWriteOptions } from '../rt/write-rtstruct.js';
import { buildRtStruct } from '../rt/write-rtstruct.js';
import type { ImageVolume } from '../volume/image-volume.js';
import { derivedRoiInput } from './derived-roi.js';
import type { MarginOptions } from './margins.js';
import { referencedNames } from './rules/rule-ast.js';
import type { DerivedStructure } from './rules/evaluate-rules.js';
import { applyRules } from './rules/evaluate-rules.js';
import { parseRule } from './rules/rule-parser.js';

export interface DeriveOptions extends MarginOptions, Pick<RtStructWriteOptions, 'label' | 'name' | 'now' | 'uid' | 'seriesDescription'> {
  /**
   * The source structure set's dataset as read: its Contributing Equipment Sequence (the models that
   * drafted the original ROIs, with their weights hashes) and a REJECTED approval carry over.
   */
  readonly source?: Dataset;
}

export interface DerivedStructureSet extends BuiltRtStruct {
  readonly derived: readonly (DerivedStructure & { readonly number: number })[];
  /** Approval Status (300E,0002) written: never APPROVED (see derivedSetAttributes). */
  readonly approvalStatus: 'UNAPPROVED' | 'REJECTED';
}

/** Longest Contour Data value an explicit VR DS can hold (16-bit length, PS3.5 7.1.2). */
const MAX_SHORT_VALUE_BYTES = 0xfffe;

/**
 * A new structure set: every ROI of `set` unchanged, then one ROI per rule, evaluated in order on
 * the masks of `set` rasterised onto `volume`. Original ROIs keep their own contour points
 * (re-tracing their masks would turn drawn polygons into voxel staircases and change their
 * volumes in the planning system); their contours now reference the slices of `volume`.
 * Derived ROIs are traced from their masks by the RTSTRUCT writer (exact: they rasterise back to
 * the same voxels). Each original ROI keeps its ROI Generation Algorithm and Description, ROI
 * Description (with any review record) and ROI Interpreter; the set's Approval module is written
 * by derivedSetAttributes.
 */
export function deriveStructureSet(set: StructureSet, volume: ImageVolume, reference: Dataset, rules: readonly string[], options: DeriveOptions = {}): DerivedStructureSet {
  const warnings: string[] = [...set.warnings];
  const rasters = rasterizeStructureSet(set, volume);
  const masks = new Map<string, Uint8Array>();
  const duplicated = new Set<string>();
  for (const r of rasters) {
    if (masks.has(r.roi.name)) duplicated.add(r.roi.name);
    masks.set(r.roi.name, r.mask ?? new Uint8Array(volume.dims[0] * volume.dims[1] * volume.dims[2]));
  }
  const used = new Set(rules.flatMap((text) => referencedNames(parseRule(text).expr).map((r) => r.name)));
  for (const name of used) {
    if (duplicated.has(name)) throw new Error(`more than one ROI is named '${name}'; a rule cannot tell which one is meant`);
  }
  for (const r of rasters) {
    if (!used.has(r.roi.name)) continue;
    warnings.push(...r.warnings);
    if (!r.mask) warnings.push(`ROI '${r.roi.name}' has no closed contours: rules read it as empty`);
  }
  const derived = applyRules(rules, masks, volume, options);
  for (const d of derived) warnings.push(...d.warnings);
  let next = Math.max(0, ...set.rois.map((r) => r.number)) + 1;
  const numbered = derived.map((d) => ({ ...d, number: next++ }));
  // The writer needs a mask per ROI; the originals' contours are replaced below, so it traces an empty one.
  const placeholder = new Uint8Array(volume.dims[0] * volume.dims[1] * volume.dims[2]);
  const originals: RoiInput[] = set.rois.map((roi) => ({
    number: roi.number,
    name: roi.name,
    mask: placeholder,
    ...(roi.colorDefaulted ? {} : { color: roi.color }),
    interpretedType: roi.interpretedType,
    interpreter: roi.interpreter,
  }));
  const contourData = set.rois.map((roi) => roi.contours.map((c) => formatContourData(c.points)));
  const tooLong = contourData.some((list) => list.some((d) => dsValueBytes(d) > MAX_SHORT_VALUE_BYTES));
  if (tooLong) warnings.push('an original contour has more points than an explicit VR Contour Data value holds; the file is written in implicit VR');
  const { source, ...writeOptions } = options;
  const setAttributes = derivedSetAttributes(source);
  const built = buildRtStruct(volume, reference, [...originals, ...numbered.map((d) => derivedRoiInput(d, d.number))], {
    ...writeOptions,
    transferSyntax: tooLong ? 'implicit' : 'explicit',
    extraAttributes: setAttributes.attributes,
  });
  const originalNumbers = new Set(set.rois.map((r) => `ROI ${r.number} `));
  // The writer's notes on the placeholder masks of the originals ("is empty") do not apply.
  warnings.push(...built.warnings.filter((w) => ![...originalNumbers].some((prefix) => w.startsWith(prefix))));
  let contourCount = built.contourCount;
  set.rois.forEach((roi, n) => {
    const item = (built.dataset['ROIContourSequence'] as Dataset[])[n]!;
    const contours = originalContours(roi, contourData[n]!, volume, warnings);
    contourCount += contours.length;
    if (contours.length) item['ContourSequence'] = contours;
    restoreGeneration((built.dataset['StructureSetROISequence'] as Dataset[])[n]!, roi);
  });
  const observations = built.dataset['RTROIObservationsSequence'] as Dataset[];
  numbered.forEach((d, n) => {
    // RT Related ROI Sequence (PS3.3 C.8.8.8): the ROIs the rule read, so the link survives export.
    const operands = d.operands.map((name) => set.rois.find((r) => r.name === name)?.number ?? numbered.find((x) => x.name === name)?.number);
    observations[set.rois.length + n]!['RTRelatedROISequence'] = operands.filter((x) => x !== undefined).map((number) => ({ ReferencedROINumber: number }));
  });
  return { ...built, contourCount, warnings, derived: numbered, approvalStatus: setAttributes.status };
}

/**
 * The top-level attributes a derived set takes from its source.
 *
 * Approval module (PS3.3 C.8.8.16): the rule results are new structures nobody has reviewed, so
 * the set is UNAPPROVED even when the source was APPROVED — each original ROI still carries its own
 * approval in its ROI Interpreter and review record, but approval of part of a set is never
 * reported as approval of the set. A REJECTED source stays REJECTED with its reviewer and date
 * (type 2C, required then): the set still holds the contours a person judged unfit, and UNAPPROVED
 * would say nobody had looked.
 *
 * Contributing Equipment Sequence (PS3.3 C.12.1): copied, so the models that drafted the original
 * ROIs stay named with their weights hashes. Attributes outside the DICOM dictionary (private
 * tags) are left out: our encoder writes standard attributes only.
 */
function derivedSetAttributes(source: Dataset | undefined): { status: 'UNAPPROVED' | 'REJECTED'; attributes: Dataset } {
  const rejected = source !== undefined && text(source, 'ApprovalStatus').toUpperCase() === 'REJECTED';
  const attributes: Dataset = rejected
    ? { ApprovalStatus: 'REJECTED', ReviewDate: text(source, 'ReviewDate'), ReviewTime: text(source, 'ReviewTime'), ReviewerName: source['ReviewerName'] ?? '' }
    : { ApprovalStatus: 'UNAPPROVED' };
  const equipment = source === undefined ? [] : items(source, 'ContributingEquipmentSequence');
  if (equipment.length > 0) attributes['ContributingEquipmentSequence'] = equipment.map(standardAttributes);
  return { status: rejected ? 'REJECTED' : 'UNAPPROVED', attributes };
}

/** A copy of a sequence item with only dictionary keywords (and their VR map), recursively. */
function standardAttributes(item: Dataset): Dataset {
  const known = dcmjs.data.DicomMetaDictionary.nameMap;
  const out: Dataset = {};
  for (const [key, value] of Object.entries(item)) {
    if (key === '_vrMap') out[key] = value;
    else if (known[key] === undefined) continue;
    else out[key] = known[key].vr === 'SQ' ? items(item, key).map(standardAttributes) : value;
  }
  return out;
}

/** Each original contour with its own points, referencing the slice of `volume` it lies on. */
function originalContours(roi: RtRoi, data: string[][], volume: ImageVolume, warnings: string[]): Dataset[] {
  const inverse = lpsToIjk(volume);
  const spacing = sliceSpacingAlongNormalMm(volume);
  const tolerance = defaultSliceToleranceMm(volume);
  let unplaced = 0;
  const items = roi.contours.map((c, n) => {
    const placed = placeContour(c.points, inverse, volume.dims[2], spacing, tolerance);
    const source = placed.ok ? volume.sliceSources[placed.placement.k] : undefined;
    if (!source && c.geometricType.startsWith('CLOSED')) unplaced++;
    return {
      ContourNumber: n + 1,
      // Contour Image Sequence is type 3 (PS3.3 C.8.8.6): omitted rather than pointing at the wrong image.
      ...(source ? { ContourImageSequence: [imageItem(source)] } : {}),
      ContourGeometricType: c.geometricType,
      NumberOfContourPoints: c.points.length / 3,
      ContourData: data[n]!,
    };
  });
  if (unplaced) warnings.push(`ROI '${roi.name}': ${unplaced} contour(s) lie on no slice of the image series; kept without an image reference`);
  return items;
}

/** The original ROI Generation Algorithm (type 2, may be empty) and descriptions, not the writer's default. */
function restoreGeneration(item: Dataset, roi: RtRoi): void {
  item['ROIGenerationAlgorithm'] = roi.generationAlgorithm;
  if (roi.generationDescription) item['ROIGenerationDescription'] = roi.generationDescription;
  if (roi.description) item['ROIDescription'] = roi.description;
}

/** One-click lesion contours and the lesion table (SRS): pure functions over volumes and masks. */
export { DEFAULT_MAX_RADIUS_MM, growLesion, type GrowLesionOptions, type LesionGrowth } from './grow-lesion.js';
export { LESION_CSV_HEADER, lesionTableCsv } from './lesion-csv.js';
export { LesionError, SeedNotDistinctError, SeedOutsideImageError, type LesionErrorCode } from './lesion-errors.js';
export {
  isGtv, isSrsOrganAtRisk, lesionTable, sortLesionRows, type LesionRow, type LesionSortKey, type NearestOrgan, type TableStructure,
} from './lesion-table.js';
export { maskDistanceMm } from './mask-distance.js';
export { axialAxis, maskDiameters, type MaskDiameters } from './max-diameter.js';
export { voxelOfSeed, type LesionImage } from './search-region.js';

import { REVIEWER_ROLE_NAMES } from './contract.js';

/**
 * Run-time shapes of the nested request values (settings, edit commands): the renderer is not
 * trusted, so an edit with an unknown kind, a missing field, a NaN or a 10⁷-point stroke is
 * refused at the boundary with a message naming the field. Each check returns the problem or null.
 */
type Kind = 'string' | 'string?' | 'number' | 'number?' | 'triple' | 'triple?' | 'points' | 'mode' | 'shape';

/** Far above any real stroke or polygon (a drag across a 512-pixel view sends a few hundred points). */
const MAX_POINTS = 3 * 20_000;
const MAX_TEXT = 4096;

const EDIT_SHAPES: Readonly<Record<string, Readonly<Record<string, Kind>>>> = {
  create: { name: 'string', color: 'triple?', interpretedType: 'string?' },
  update: { structureId: 'string', name: 'string?', color: 'triple?', interpretedType: 'string?' },
  delete: { structureId: 'string' },
  brush: { structureId: 'string', mode: 'mode', shape: 'shape', radiusMm: 'number', normal: 'triple', points: 'points' },
  polygon: { structureId: 'string', mode: 'mode', normal: 'triple', points: 'points' },
  'fill-holes': { structureId: 'string' },
  'remove-islands': { structureId: 'string', minVolumeCc: 'number' },
  'keep-largest': { structureId: 'string' },
  smooth: { structureId: 'string', sizeMm: 'number' },
  interpolate: { structureId: 'string', normal: 'triple' },
  rule: { rule: 'string' },
  lesion: { seed: 'triple', maxRadiusMm: 'number', name: 'string?' },
};

export const REVIEW_ACTION_NAMES = ['open', 'approve', 'reject', 'new-revision'] as const;

function isPlain(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

const isText = (v: unknown): v is string => typeof v === 'string' && v.length <= MAX_TEXT && !v.includes('\0');
const isTriple = (v: unknown): boolean => Array.isArray(v) && v.length === 3 && v.every((x) => typeof x === 'number' && Number.isFinite(x));

function kindProblem(kind: Kind, v: unknown): string | null {
  switch (kind) {
    case 'string':
      return isText(v) ? null : 'must be a string';
    case 'string?':
      return v === undefined || isText(v) ? null : 'must be a string when given';
    case 'number':
      return typeof v === 'number' && Number.isFinite(v) ? null : 'must be a finite number';
    case 'number?':
      return v === undefined || (typeof v === 'number' && Number.isFinite(v)) ? null : 'must be a finite number when given';
    case 'triple':
      return isTriple(v) ? null : 'must be three finite numbers';
    case 'triple?':
      return v === undefined || isTriple(v) ? null : 'must be three finite numbers when given';
    case 'points':
      return Array.isArray(v) && v.length > 0 && v.length <= MAX_POINTS && v.length % 3 === 0 && v.every((x) => typeof x === 'number' && Number.isFinite(x))
        ? null : `must be x, y, z triplets of finite numbers (at most ${MAX_POINTS / 3} points)`;
    case 'mode':
      return v === 'paint' || v === 'erase' ? null : "must be 'paint' or 'erase'";
    case 'shape':
      return v === 'circle' || v === 'sphere' ? null : "must be 'circle' or 'sphere'";
  }
}

function shapeProblem(value: unknown, shape: Readonly<Record<string, Kind>>, extra: readonly string[] = []): string | null {
  if (!isPlain(value)) return 'must be a plain object';
  for (const key of Object.keys(value)) if (!(key in shape) && !extra.includes(key)) return `has an unknown field '${key}'`;
  for (const [key, kind] of Object.entries(shape)) {
    const problem = kindProblem(kind, value[key]);
    if (problem) return `.${key} ${problem}`;
  }
  return null;
}

export function editCommandProblem(value: unknown): string | null {
  if (!isPlain(value)) return 'must be a plain object';
  const kind = value['kind'];
  if (typeof kind !== 'string' || !Object.prototype.hasOwnProperty.call(EDIT_SHAPES, kind)) return `has an unknown kind '${String(kind)}'`;
  return shapeProblem(value, EDIT_SHAPES[kind]!, ['kind']);
}

export function settingsProblem(value: unknown): string | null {
  if (!isPlain(value)) return 'must be a plain object';
  for (const key of Object.keys(value)) if (key !== 'reviewer' && key !== 'sequentialReading') return `has an unknown field '${key}'`;
  if (typeof value['sequentialReading'] !== 'boolean') return '.sequentialReading must be true or false';
  const r = value['reviewer'];
  if (r === null) return null;
  if (!isPlain(r) || Object.keys(r).some((k) => k !== 'name' && k !== 'role')) return '.reviewer must be null or { name, role }';
  if (!isText(r['name'])) return '.reviewer.name must be a string';
  if (!REVIEWER_ROLE_NAMES.includes(r['role'] as never)) return `.reviewer.role must be one of ${REVIEWER_ROLE_NAMES.join(', ')}`;
  return null;
}

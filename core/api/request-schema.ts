import type { ApiMethod, ApiRequest } from './contract.js';
import { editCommandProblem, REVIEW_ACTION_NAMES, settingsProblem } from './nested-schema.js';

/**
 * Run-time shape of every request. The renderer is the least trusted part of the app (it shows
 * DICOM text from anywhere), so both transports check each call against this table before the
 * backend sees it: an unknown method, an unknown field or a wrong type is refused.
 */
type FieldKind = 'string' | 'string?' | 'string[]' | 'integer' | 'boolean?' | 'settings' | 'edit' | 'review-action';

type Schema = { readonly [M in ApiMethod]: { readonly [K in keyof ApiRequest<M> & string]-?: FieldKind } };

export const REQUEST_SCHEMA: Schema = {
  appInfo: {},
  importFolder: { jobId: 'string', path: 'string' },
  importSample: { jobId: 'string' },
  importHistory: {},
  importReport: { importId: 'integer' },
  listPatients: {},
  listStudies: { patientId: 'string' },
  listSeries: { studyUid: 'string' },
  loadVolume: { jobId: 'string', seriesUid: 'string' },
  listModels: {},
  runSegmentation: { jobId: 'string', seriesUid: 'string', modelIds: 'string[]', testTimeAugmentation: 'boolean?' },
  listStructureSets: { seriesUid: 'string' },
  loadStructureSet: { jobId: 'string', seriesUid: 'string', path: 'string' },
  getSettings: {},
  saveSettings: { settings: 'settings' },
  workspace: { seriesUid: 'string' },
  editStructures: { jobId: 'string', seriesUid: 'string', edit: 'edit' },
  undo: { seriesUid: 'string' },
  redo: { seriesUid: 'string' },
  reviewStructure: { seriesUid: 'string', structureId: 'string', action: 'review-action', comment: 'string?' },
  recordImageLook: { seriesUid: 'string' },
  lesionTable: { seriesUid: 'string' },
  exportLesionTable: { seriesUid: 'string', path: 'string', overwrite: 'boolean?' },
  exportStructureSet: { jobId: 'string', seriesUid: 'string', structureIds: 'string[]', path: 'string', label: 'string?', overwrite: 'boolean?' },
  cancelJob: { jobId: 'string' },
  chooseFolder: { title: 'string' },
  chooseSavePath: { title: 'string', defaultPath: 'string' },
};

export const API_METHODS = Object.keys(REQUEST_SCHEMA) as ApiMethod[];

/** Longest string accepted: far above any path or UID, far below anything that could hurt. */
const MAX_STRING = 4096;
const MAX_ITEMS = 1000;

export class ApiRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(REQUEST_SCHEMA, name);
}

function checkField(method: string, key: string, kind: FieldKind, value: unknown): void {
  const fail = (what: string): never => {
    throw new ApiRequestError(`${method}: field '${key}' ${what}`);
  };
  const isShortString = (v: unknown): v is string => typeof v === 'string' && v.length <= MAX_STRING && !v.includes('\0');
  switch (kind) {
    case 'string':
      if (!isShortString(value)) fail('must be a string without NUL, at most 4096 characters');
      return;
    case 'string?':
      if (value !== undefined && !isShortString(value)) fail('must be a string when given');
      return;
    case 'string[]':
      if (!Array.isArray(value) || value.length > MAX_ITEMS || !value.every(isShortString)) fail('must be a list of strings');
      return;
    case 'integer':
      if (!Number.isSafeInteger(value)) fail('must be an integer');
      return;
    case 'boolean?':
      if (value !== undefined && typeof value !== 'boolean') fail('must be true or false when given');
      return;
    case 'settings': {
      const problem = settingsProblem(value);
      if (problem) fail(problem);
      return;
    }
    case 'edit': {
      const problem = editCommandProblem(value);
      if (problem) fail(problem);
      return;
    }
    case 'review-action':
      if (!REVIEW_ACTION_NAMES.includes(value as never)) fail(`must be one of ${REVIEW_ACTION_NAMES.join(', ')}`);
      return;
  }
}

/** Check a call from the renderer; returns the request typed for its method or throws ApiRequestError. */
export function validateRequest<M extends ApiMethod>(method: M, request: unknown): ApiRequest<M> {
  if (!isApiMethod(method)) throw new ApiRequestError(`unknown method '${String(method)}'`);
  if (typeof request !== 'object' || request === null || Array.isArray(request)) throw new ApiRequestError(`${method}: the request must be an object`);
  const proto: unknown = Object.getPrototypeOf(request);
  if (proto !== Object.prototype && proto !== null) throw new ApiRequestError(`${method}: the request must be a plain object`);
  const fields: Readonly<Record<string, FieldKind>> = REQUEST_SCHEMA[method];
  const given = request as Record<string, unknown>;
  for (const key of Object.keys(given)) {
    if (!Object.prototype.hasOwnProperty.call(fields, key)) throw new ApiRequestError(`${method}: unknown field '${key}'`);
  }
  for (const [key, kind] of Object.entries(fields)) checkField(method, key, kind, given[key]);
  return request as ApiRequest<M>;
}

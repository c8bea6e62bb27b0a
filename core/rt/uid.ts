import { randomUUID } from 'node:crypto';

/**
 * A new UID under the 2.25 root: the decimal form of a random UUID (PS3.5 B.2, ISO/IEC 9834-8).
 * At most 44 characters, within the 64 of the UI VR.
 */
export function newUid(): string {
  return `2.25.${BigInt(`0x${randomUUID().replace(/-/g, '')}`).toString()}`;
}

/** Implementation Class UID (0002,0012) of files Delineate writes: one fixed 2.25 UID. */
export const IMPLEMENTATION_CLASS_UID = '2.25.300147988128153962375823958701350662080';
export const IMPLEMENTATION_VERSION_NAME = 'DELINEATE_0_1';

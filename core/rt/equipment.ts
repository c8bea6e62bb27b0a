/** General Equipment values (PS3.3 C.7.5.1) for objects Delineate writes. Keep in step with package.json. */
export const MANUFACTURER = 'Delineate';
export const MANUFACTURER_MODEL_NAME = 'Delineate';
export const SOFTWARE_VERSION = '0.1.0';

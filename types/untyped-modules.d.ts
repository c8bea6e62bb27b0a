// Packages that ship no TypeScript declarations. Each is wrapped and typed in exactly one core module.
declare module 'dcmjs';
declare module 'dcmjs-codecs';
declare module '@cornerstonejs/codec-charls/decodewasmjs';
declare module '@cornerstonejs/codec-openjpeg/decodewasmjs';
declare module '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs';

export * from './types';
export * from './local-text';
export * from './division';
export * from './change';
export * from './rule-set';
export * from './rule-sets';
export * from './severity';
export * from './reference-layer';

export * from './area-overlay';
export * from './changed-fields';
export * from './diff-divisions';
export * from './division-diff';
export * from './lineage-since';

export * from './allocate-codes';
export * from './code-lineage';
export * from './code-template';
export * from './numbering-template';
export * from './order-north-to-south';

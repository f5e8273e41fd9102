export * from './divide-band';
export * from './divide-communities';
export * from './divide-options';
export * from './feasible-grid-counts';
export * from './rebalance-grids';
export * from './region-census';

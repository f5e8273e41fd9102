export * from './contract';
export * from './payload-validators';

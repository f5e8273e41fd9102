export * from './code-template';

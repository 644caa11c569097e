export * from './model';
export * from './identifiers';
export * from './parser';
export * from './writer';
export * from './src';
export * from './validation';
export * from './preview';

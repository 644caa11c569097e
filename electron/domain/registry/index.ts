export * from './traceKeys';
export * from './regFile';
export * from './encoding';
export * from './traceReg';

export * from './traceKeys';
export * from './regFile';
export * from '../../shared/regEncoding';
export * from './traceReg';

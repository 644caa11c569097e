export * from './certificates';
export * from './metadata';
export * from './oidc';
export * from './samlResponse';
export * from './signature';
export { SsoInputError } from './xml';

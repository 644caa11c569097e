// Injected by the build from package.json (see scripts/build.mjs); "dev" when run from source.
declare const __CCM_VERSION__: string | undefined;
export const version: string = typeof __CCM_VERSION__ === 'string' ? __CCM_VERSION__ : 'dev';

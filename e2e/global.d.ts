import type { CcmClient, Contract } from '../electron/contract';

// What the preload exposes in the Electron window (see preload/preload.ts).
declare global {
  interface Window {
    ccm?: CcmClient<Contract>;
  }
}

import { randomBytes } from 'node:crypto';
import { GENERATED_TOKEN_BYTES } from '../../contract/services/webManager';

/**
 * "a random 64 bytes new Client Token": 64 bytes from the operating system's CSPRNG
 * (node:crypto randomBytes), hex-encoded (128 characters).
 */
export function generateToken(): string {
  return randomBytes(GENERATED_TOKEN_BYTES).toString('hex');
}

import { createHmac } from 'node:crypto';

/** Tenant and chat ids stay plain inside the system but are hashed in logs and traces (seed 001 §7). */
export function hashIdentifier(value: string, salt: string): string {
  return createHmac('sha256', salt).update(value).digest('hex').slice(0, 16);
}

import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

/**
 * The tenant of a request without `X-Tenant-Id`. The sync route passes no tenant on to the service;
 * a job must belong to one, so the page's jobs (it sends no header) share this one.
 */
export const DEFAULT_TENANT_ID = 'default';

/** The tenant the request acts for: its `X-Tenant-Id`, or {@link DEFAULT_TENANT_ID}. */
export function tenantOf(request: FastifyRequest): string {
  return request.invektoContext?.tenantId ?? DEFAULT_TENANT_ID;
}

/**
 * The tenant as one key part of the key-value store. `X-Tenant-Id` may hold ':', which a key part may
 * not; such a tenant is keyed by its hash behind '#', a character no tenant id can contain, so the two
 * forms never collide.
 */
export function tenantKeyPart(tenantId: string): string {
  return tenantId.includes(':') ? `#${createHash('sha256').update(tenantId).digest('hex')}` : tenantId;
}

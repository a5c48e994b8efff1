import { randomFillSync } from 'node:crypto';

const POOL_SIZE = 8192;
const pool = Buffer.allocUnsafe(POOL_SIZE);
let offset = POOL_SIZE;

/**
 * Reserves `length` bytes of the pool and returns where they start. The pool holds cryptographically
 * random bytes refilled 8 KiB at a time: every request needs a request id, a trace id and a span id,
 * and a kernel call for each (ulid makes one per character) cost a quarter of a trivial request's CPU.
 */
function take(length: number): number {
  if (offset + length > POOL_SIZE) {
    randomFillSync(pool);
    offset = 0;
  }
  const start = offset;
  offset += length;
  return start;
}

export function randomHex(bytes: number): string {
  const start = take(bytes);
  return pool.toString('hex', start, start + bytes);
}

/** A uniform float in [0, 1) for ulid's random part. */
export function randomUnit(): number {
  return pool.readUInt32LE(take(4)) / 0x1_0000_0000;
}

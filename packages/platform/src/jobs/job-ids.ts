import { monotonicFactory, ulid } from 'ulid';
import { randomUnit } from '../context/random-pool.js';

const ULID = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;
// Monotonic, so jobs submitted in the same millisecond still list in submission order.
const nextJobId = monotonicFactory(randomUnit);

/** A new job id: a ULID (seed 001 §4), greater than every id this process made before. */
export function newJobId(now: number = Date.now()): string {
  return nextJobId(now);
}

/** A new `x-message-id` for the message that carries a job: a ULID as well (seed 000 §3.2). */
export function newMessageId(now: number = Date.now()): string {
  return ulid(now, randomUnit);
}

/** Whether `value` is a ULID in canonical upper-case form, the only shape a job id takes. */
export function isJobId(value: unknown): value is string {
  return typeof value === 'string' && ULID.test(value);
}

import { ulid } from 'ulid';
import { randomHex, randomUnit } from './random-pool.js';

const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;
const ZERO_TRACE = '0'.repeat(32);
const ZERO_SPAN = '0'.repeat(16);
// version 00: "00-{trace-id}-{parent-id}-{flags}" (W3C Trace Context §3.2)
const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(?:-.*)?$/;

/** A ULID: sortable by time, unique, 26 characters. */
export function newRequestId(now = Date.now()): string {
  return ulid(now, randomUnit);
}

export function newTraceId(): string {
  return randomHex(16);
}

export function newSpanId(): string {
  return randomHex(8);
}

export function isTraceId(value: string): boolean {
  return TRACE_ID.test(value) && value !== ZERO_TRACE;
}

export function isSpanId(value: string): boolean {
  return SPAN_ID.test(value) && value !== ZERO_SPAN;
}

export interface TraceParent {
  readonly traceId: string;
  readonly parentSpanId: string;
}

/** Parses a W3C traceparent header; an invalid one is ignored, as the spec requires. */
export function parseTraceParent(header: string | undefined): TraceParent | undefined {
  if (header === undefined) return undefined;
  const match = TRACEPARENT.exec(header.trim().toLowerCase());
  if (match === null) return undefined;
  const [, version, traceId, parentSpanId] = match as unknown as [string, string, string, string];
  if (version === 'ff' || !isTraceId(traceId) || !isSpanId(parentSpanId)) return undefined;
  if (version === '00' && header.trim().length !== 55) return undefined;
  return { traceId, parentSpanId };
}

export function formatTraceParent(traceId: string, spanId: string): string {
  return `00-${traceId}-${spanId}-01`;
}

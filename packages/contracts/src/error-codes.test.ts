import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODE_PATTERN, ErrorCodes, errorDefinition, isErrorCode } from './error-codes.js';
import { InvektoError, isInvektoError } from './invekto-error.js';

const codes = Object.keys(ErrorCodes) as (keyof typeof ErrorCodes)[];

describe('error code registry', () => {
  it('has only well-formed SVC-CAT-NNN codes', () => {
    for (const code of codes) expect(code).toMatch(ERROR_CODE_PATTERN);
  });

  it('gives every code a category, an HTTP error status and a message', () => {
    for (const code of codes) {
      const definition = errorDefinition(code);
      expect(['TRANSIENT', 'PERMANENT', 'UNKNOWN']).toContain(definition.category);
      expect(definition.httpStatus).toBeGreaterThanOrEqual(400);
      expect(definition.httpStatus).toBeLessThan(600);
      expect(definition.message.length).toBeGreaterThan(5);
    }
  });

  it('keeps 4xx codes permanent, so no caller retries its own mistakes', () => {
    // INV-SYS-007 is a 409 "the first request with your key is still running": waiting is the fix.
    const waitAndRetry = new Set(['INV-SYS-007']);
    for (const code of codes) {
      const { httpStatus, category } = ErrorCodes[code];
      if (httpStatus < 500) expect(category, code).toBe(waitAndRetry.has(code) ? 'TRANSIENT' : 'PERMANENT');
    }
  });

  it('documents every code in docs/reference/errors.md', () => {
    const doc = readFileSync(new URL('../../../docs/reference/errors.md', import.meta.url), 'utf8');
    for (const code of codes) expect(doc, code).toMatch(new RegExp(`^\\| ${code} +\\|`, 'm'));
  });

  it('recognises codes with isErrorCode', () => {
    expect(isErrorCode('CHA-VAL-001')).toBe(true);
    expect(isErrorCode('CHA-VAL-999')).toBe(false);
    expect(isErrorCode('toString')).toBe(false);
    expect(isErrorCode(42)).toBe(false);
  });
});

describe('InvektoError', () => {
  it('carries the registry fields and an optional message override', () => {
    const error = new InvektoError('INV-NET-001', { details: 'after 600 ms', retryAfterMs: 100 });
    expect(error).toMatchObject({
      code: 'INV-NET-001',
      category: 'TRANSIENT',
      httpStatus: 504,
      details: 'after 600 ms',
      retryAfterMs: 100,
    });
    expect(error.message).toBe(ErrorCodes['INV-NET-001'].message);
    expect(new InvektoError('CHA-VAL-003', { message: 'too many' }).message).toBe('too many');
  });

  it('is recognised by isInvektoError through its marker, not its prototype', () => {
    const error = new InvektoError('INV-SYS-003');
    expect(isInvektoError(error)).toBe(true);
    expect(isInvektoError({ ...error, [Symbol.for('invekto.error')]: true })).toBe(true);
    expect(isInvektoError(new Error('plain'))).toBe(false);
    expect(isInvektoError({ code: 'INV-SYS-003' })).toBe(false);
    expect(isInvektoError(null)).toBe(false);
  });
});

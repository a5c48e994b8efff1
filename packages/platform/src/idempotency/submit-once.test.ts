import { isInvektoError } from '@invekto/contracts';
import { describe, expect, it } from 'vitest';
import { MemoryKeyValueStore } from '../store/key-value/index.js';
import { IdempotencyGuard } from './idempotency-guard.js';
import { submitOnce } from './submit-once.js';

function setup() {
  const guard = new IdempotencyGuard({ store: new MemoryKeyValueStore() });
  let calls = 0;
  const submit = async () => {
    calls += 1;
    return { jobId: `job-${calls}` };
  };
  return { guard, submit, calls: () => calls };
}

const codeOf = (error: unknown) => (isInvektoError(error) ? error.code : String(error));

describe('submitOnce', () => {
  it('submits every time without a key', async () => {
    const { guard, submit, calls } = setup();
    await submitOnce(guard, { tenantId: 't', key: undefined, request: { a: 1 } }, submit);
    await submitOnce(guard, { tenantId: 't', key: undefined, request: { a: 1 } }, submit);
    expect(calls()).toBe(2);
  });

  it('answers a repeat with the first answer, per tenant', async () => {
    const { guard, submit, calls } = setup();
    const first = await submitOnce(guard, { tenantId: 't', key: 'k-1', request: { a: 1 } }, submit);
    const again = await submitOnce(guard, { tenantId: 't', key: 'k-1', request: { a: 1 } }, submit);
    const otherTenant = await submitOnce(guard, { tenantId: 'u', key: 'k-1', request: { a: 1 } }, submit);
    expect(first).toEqual({ value: { jobId: 'job-1' }, replayed: false });
    expect(again).toEqual({ value: { jobId: 'job-1' }, replayed: true });
    expect(otherTenant.value).toEqual({ jobId: 'job-2' });
    expect(calls()).toBe(2);
  });

  it('refuses the same key for a different request, a bad key, and a repeat still running', async () => {
    const { guard, submit } = setup();
    await submitOnce(guard, { tenantId: 't', key: 'k', request: { a: 1 } }, submit);
    const conflict = await submitOnce(guard, { tenantId: 't', key: 'k', request: { a: 2 } }, submit).catch(codeOf);
    expect(conflict).toBe('INV-VAL-008');
    const bad = await submitOnce(guard, { tenantId: 't', key: 'has:colon', request: {} }, submit).catch(codeOf);
    expect(bad).toBe('INV-VAL-007');
    let release: () => void = () => undefined;
    const slow = submitOnce(guard, { tenantId: 't', key: 'slow', request: {} }, async () => {
      await new Promise<void>((resolve) => (release = resolve));
      return 'done';
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await submitOnce(guard, { tenantId: 't', key: 'slow', request: {} }, submit).catch(codeOf)).toBe(
      'INV-SYS-007',
    );
    release();
    expect((await slow).value).toBe('done');
  });

  it('keys a tenant id holding ":" safely, apart from other tenants', async () => {
    const { guard, submit, calls } = setup();
    const first = await submitOnce(guard, { tenantId: 'org:1', key: 'k', request: {} }, submit);
    const again = await submitOnce(guard, { tenantId: 'org:1', key: 'k', request: {} }, submit);
    const other = await submitOnce(guard, { tenantId: 'org:2', key: 'k', request: {} }, submit);
    expect(again.value).toEqual(first.value);
    expect(other.value).not.toEqual(first.value);
    expect(calls()).toBe(2);
  });

  it('frees the key when the submit fails, so the client can retry', async () => {
    const { guard, submit } = setup();
    const failed = await submitOnce(guard, { tenantId: 't', key: 'k', request: {} }, async () => {
      throw new Error('broker down');
    }).catch((error: Error) => error.message);
    expect(failed).toBe('broker down');
    expect(await submitOnce(guard, { tenantId: 't', key: 'k', request: {} }, submit)).toEqual({
      value: { jobId: 'job-1' },
      replayed: false,
    });
  });
});

import { HeaderNames } from '@invekto/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KeyNamespace, MemoryKeyValueStore } from '../store/key-value/index.js';
import { signCallback } from './callback-signature.js';
import { CALLBACK_VERIFIER_DEFAULTS, CallbackVerifier } from './callback-verifier.js';

const SECRET = 'test-secret-of-32-characters-xyz';
const BODY = '{"jobId":"01ARZ3NDEKTSV4RRFFQ69G5FAV","tenantId":"acme","status":"done"}';
const START = 1_700_000_000_000;
const MAX_AGE = 300_000;

describe('CallbackVerifier', () => {
  let now: number;
  let store: MemoryKeyValueStore;
  let verifier: CallbackVerifier;
  const signed = (body = BODY, at = now, secret = SECRET) => signCallback({ secret, body, now: at });

  beforeEach(() => {
    now = START;
    store = new MemoryKeyValueStore({ now: () => now, sweepIntervalMs: 0 });
    verifier = new CallbackVerifier({ secret: SECRET, replayStore: store, now: () => now });
  });

  afterEach(async () => {
    await store.close();
  });

  it('accepts an authentic, fresh callback and remembers its signature for twice the max age', async () => {
    const headers = signed();
    const verified = await verifier.verify(BODY, headers);
    const digest = headers[HeaderNames.TokenSignature].slice(3);
    expect(verified).toEqual({ timestamp: START, digest });
    expect(verifier.replayKey(digest)).toBe(`invekto:idem:callback:${digest}`);
    expect(await store.get(`invekto:idem:callback:${digest}`)).toBe(String(START));
    expect(await store.ttlMs(`invekto:idem:callback:${digest}`)).toBe(2 * MAX_AGE);
  });

  it('refuses missing, repeated and malformed signature headers with INV-AUTH-001', async () => {
    const good = signed();
    const cases: Record<string, string | string[] | undefined>[] = [
      {},
      { [HeaderNames.TokenTimestamp]: good[HeaderNames.TokenTimestamp] },
      { [HeaderNames.TokenSignature]: good[HeaderNames.TokenSignature] },
      { ...good, [HeaderNames.TokenSignature]: [good[HeaderNames.TokenSignature], good[HeaderNames.TokenSignature]] },
      { ...good, [HeaderNames.TokenTimestamp]: 'yesterday' },
      { ...good, [HeaderNames.TokenTimestamp]: '-1700000000000' },
      { ...good, [HeaderNames.TokenTimestamp]: '1.7e12' },
      { ...good, [HeaderNames.TokenSignature]: good[HeaderNames.TokenSignature].slice(3) },
      { ...good, [HeaderNames.TokenSignature]: `v2=${good[HeaderNames.TokenSignature].slice(3)}` },
      { ...good, [HeaderNames.TokenSignature]: good[HeaderNames.TokenSignature].toUpperCase().replace('V1=', 'v1=') },
      { ...good, [HeaderNames.TokenSignature]: good[HeaderNames.TokenSignature].slice(0, -2) },
      { ...good, [HeaderNames.TokenSignature]: `${good[HeaderNames.TokenSignature]}00` },
    ];
    for (const headers of cases) {
      await expect(verifier.verify(BODY, headers), JSON.stringify(headers)).rejects.toMatchObject({
        code: 'INV-AUTH-001',
        category: 'PERMANENT',
        httpStatus: 401,
      });
    }
  });

  it('refuses a tampered body, another secret and a moved timestamp with INV-AUTH-001', async () => {
    const headers = signed();
    await expect(verifier.verify(BODY.replace('done', 'fail'), headers)).rejects.toMatchObject({
      code: 'INV-AUTH-001',
      details: 'the signature does not match',
    });
    await expect(verifier.verify(`${BODY} `, headers)).rejects.toMatchObject({ code: 'INV-AUTH-001' });
    await expect(verifier.verify(BODY, signed(BODY, now, `${SECRET}-other`))).rejects.toMatchObject({
      code: 'INV-AUTH-001',
    });
    await expect(
      verifier.verify(BODY, { ...headers, [HeaderNames.TokenTimestamp]: String(START + 1) }),
    ).rejects.toMatchObject({ code: 'INV-AUTH-001' });
    expect(store.size).toBe(0);
  });

  it('accepts timestamps up to maxAgeMs either way and refuses older or later ones with INV-AUTH-002', async () => {
    await expect(verifier.verify(BODY, signed(BODY, START - MAX_AGE))).resolves.toBeDefined();
    await expect(verifier.verify(BODY, signed(BODY, START + MAX_AGE))).resolves.toBeDefined();
    await expect(verifier.verify(BODY, signed(BODY, START - MAX_AGE - 1))).rejects.toMatchObject({
      code: 'INV-AUTH-002',
      details: `the timestamp is ${MAX_AGE + 1} ms old; at most ${MAX_AGE} ms is accepted`,
    });
    await expect(verifier.verify(BODY, signed(BODY, START + MAX_AGE + 1))).rejects.toMatchObject({
      code: 'INV-AUTH-002',
      details: `the timestamp is ${MAX_AGE + 1} ms ahead; at most ${MAX_AGE} ms is accepted`,
    });
  });

  it('checks the signature before the age, so a forged old callback learns nothing about the window', async () => {
    const old = signed(BODY, START - 10 * MAX_AGE);
    await expect(verifier.verify(BODY.replace('acme', 'evil'), old)).rejects.toMatchObject({ code: 'INV-AUTH-001' });
  });

  it('refuses a replayed signature with INV-AUTH-002 until its timestamp has expired anyway', async () => {
    const headers = signed();
    await verifier.verify(BODY, headers);
    await expect(verifier.verify(BODY, headers)).rejects.toMatchObject({
      code: 'INV-AUTH-002',
      details: 'this signature was already used',
    });
    now += MAX_AGE;
    await expect(verifier.verify(BODY, headers)).rejects.toMatchObject({ details: 'this signature was already used' });
    now += 1;
    await expect(verifier.verify(BODY, headers)).rejects.toMatchObject({ code: 'INV-AUTH-002', details: /old/ });
    // The same body signed again a moment later is a new callback (a retry), not a replay.
    await expect(verifier.verify(BODY, signed(BODY, now))).resolves.toMatchObject({ timestamp: now });
  });

  it('lets exactly one of many concurrent copies through', async () => {
    const headers = signed();
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => verifier.verify(BODY, headers)));
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const result of results.filter((r) => r.status === 'rejected')) {
      expect((result as PromiseRejectedResult).reason).toMatchObject({ code: 'INV-AUTH-002' });
    }
  });

  it('keeps its replay keys under the namespace it is given, with its own max age', async () => {
    const custom = new CallbackVerifier({
      secret: SECRET,
      replayStore: store,
      keys: new KeyNamespace('staging:invekto:'),
      maxAgeMs: 1_000,
      now: () => now,
    });
    const { digest } = await custom.verify(BODY, signed());
    expect(await store.ttlMs(`staging:invekto:idem:callback:${digest}`)).toBe(2_000);
    await expect(custom.verify(BODY, signed(BODY, now - 1_001))).rejects.toMatchObject({ code: 'INV-AUTH-002' });
  });

  it('refuses a bad configuration, naming the option, and pins its default max age', () => {
    expect(() => new CallbackVerifier({ secret: '', replayStore: store })).toThrow(/secret/);
    expect(() => new CallbackVerifier({ secret: SECRET } as never)).toThrow(/replayStore/);
    expect(() => new CallbackVerifier({ secret: SECRET, replayStore: store, maxAgeMs: 0 })).toThrow(/maxAgeMs/);
    expect(CALLBACK_VERIFIER_DEFAULTS).toEqual({ maxAgeMs: 300_000 });
    expect(new CallbackVerifier({ secret: SECRET, replayStore: store }).maxAgeMs).toBe(300_000);
  });
});

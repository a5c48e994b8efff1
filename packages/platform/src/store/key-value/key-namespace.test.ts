import { describe, expect, it } from 'vitest';
import { KEY_NAMESPACES, KeyNamespace, KeyNamespaceError, keyPartOf, MAX_KEY_PART_LENGTH } from './key-namespace.js';

describe('KeyNamespace', () => {
  const keys = new KeyNamespace();

  it('builds the seed 000 §1.2 and App. F.2 key shapes under invekto:', () => {
    expect(keys.idem('sync', 'tenant123', 'analyze', 'chat456', 'a1b2c3d4')).toBe(
      'invekto:idem:sync:tenant123:analyze:chat456:a1b2c3d4',
    );
    expect(keys.idem('job', '01ARZ3NDEKTSV4RRFFQ69G5FAV')).toBe('invekto:idem:job:01ARZ3NDEKTSV4RRFFQ69G5FAV');
    expect(keys.lock('order-42')).toBe('invekto:lock:order-42');
    expect(keys.rate('tenant123', 1706500000)).toBe('invekto:rate:tenant123:1706500000');
    expect(keys.cache('report', 'r1')).toBe('invekto:cache:report:r1');
    expect(keys.job('01ARZ3NDEKTSV4RRFFQ69G5FAV')).toBe('invekto:job:01ARZ3NDEKTSV4RRFFQ69G5FAV');
    expect(keys.circuit('chat-analysis')).toBe('invekto:circuit:chat-analysis');
    expect(keys.config('max-chat-messages')).toBe('invekto:config:max-chat-messages');
  });

  it('covers every namespace of the seed', () => {
    expect(KEY_NAMESPACES).toEqual(['idem', 'lock', 'rate', 'cache', 'job', 'circuit', 'config']);
    for (const namespace of KEY_NAMESPACES) expect(keys.key(namespace, 'x')).toBe(`invekto:${namespace}:x`);
  });

  it('puts a configured prefix in front, so environments and test runs never collide', () => {
    expect(new KeyNamespace('invekto-staging:').job('j1')).toBe('invekto-staging:job:j1');
    expect(new KeyNamespace('invekto-test:run-7f3a:').lock('r')).toBe('invekto-test:run-7f3a:lock:r');
  });

  it('accepts unicode parts and a part of exactly the maximum length', () => {
    expect(keys.cache('müşteri', 'çağrı-日本')).toBe('invekto:cache:müşteri:çağrı-日本');
    expect(keys.lock('x'.repeat(MAX_KEY_PART_LENGTH))).toHaveLength('invekto:lock:'.length + MAX_KEY_PART_LENGTH);
  });

  it.each([
    ['a colon', 'tenant:1', /contains ':' or whitespace/],
    ['a space', 'tenant 1', /contains ':' or whitespace/],
    ['a tab', 'tenant\t1', /contains ':' or whitespace/],
    ['a newline', 'tenant\n1', /contains ':' or whitespace/],
    ['nothing', '', /is empty/],
    ['too many characters', 'x'.repeat(MAX_KEY_PART_LENGTH + 1), /201 characters long; the limit is 200/],
  ])('rejects a part holding %s, naming which part', (_label, part, message) => {
    expect(() => keys.idem('sync', part)).toThrow(KeyNamespaceError);
    expect(() => keys.idem('sync', part)).toThrow(message);
    expect(() => keys.idem('sync', part)).toThrow(/Part 2 of a "idem" key/);
  });

  it('rejects non-finite numbers, a missing part and an unknown namespace', () => {
    expect(() => keys.rate('t', Number.NaN)).toThrow(/finite/);
    expect(() => keys.key('idem')).toThrow(/at least one part/);
    expect(() => keys.key('session' as 'idem', 'x')).toThrow(/Unknown key namespace "session"/);
  });

  it.each(['', 'invekto', 'invekto::', ':invekto:', 'in vekto:'])('rejects the prefix %j', (prefix) => {
    expect(() => new KeyNamespace(prefix)).toThrow(KeyNamespaceError);
  });

  it('keeps a valid part as it is and hashes one a part cannot hold, without collisions', () => {
    expect(keyPartOf('tenant-42')).toBe('tenant-42');
    const hashed = keyPartOf('org:42');
    expect(hashed).toMatch(/^#[0-9a-f]{64}$/);
    expect(keyPartOf('org:42')).toBe(hashed);
    expect(keyPartOf('org:43')).not.toBe(hashed);
    expect(keyPartOf(hashed)).not.toBe(hashed);
    expect(new KeyNamespace().idem('req', keyPartOf('a b'), 'key')).toMatch(/^invekto:idem:req:#[0-9a-f]{64}:key$/);
  });
});

import { describe, expect, it, vi } from 'vitest';
import { TypedEmitter } from './typed-emitter.js';

interface Events {
  ping: { n: number };
  pong: undefined;
}

describe('TypedEmitter', () => {
  it('delivers payloads to listeners of that event, in subscription order', () => {
    const emitter = new TypedEmitter<Events>();
    const seen: string[] = [];
    emitter.on('ping', ({ n }) => seen.push(`a${n}`));
    emitter.subscriber('ping')(({ n }) => seen.push(`b${n}`));
    emitter.on('pong', () => seen.push('pong'));
    emitter.emit('ping', { n: 1 });
    expect(seen).toEqual(['a1', 'b1']);
  });

  it('unsubscribes one subscription, even of the same function twice', () => {
    const emitter = new TypedEmitter<Events>();
    const listener = vi.fn();
    const first = emitter.on('ping', listener);
    emitter.on('ping', listener);
    first();
    first();
    emitter.emit('ping', { n: 1 });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(emitter.listenerCount('ping')).toBe(1);
  });

  it('reports a throwing listener and still runs the others', () => {
    const onListenerError = vi.fn();
    const emitter = new TypedEmitter<Events>(onListenerError);
    const after = vi.fn();
    const failure = new Error('metrics bug');
    emitter.on('ping', () => {
      throw failure;
    });
    emitter.on('ping', after);
    emitter.emit('ping', { n: 1 });
    expect(onListenerError).toHaveBeenCalledWith(failure, 'ping');
    expect(after).toHaveBeenCalledWith({ n: 1 });
  });

  it('removeAllListeners drops everything', () => {
    const emitter = new TypedEmitter<Events>();
    const listener = vi.fn();
    emitter.on('pong', listener);
    emitter.removeAllListeners();
    emitter.emit('pong', undefined);
    expect(listener).not.toHaveBeenCalled();
  });
});

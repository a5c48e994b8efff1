import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderNames, isInvektoError, type InvektoError } from '@invekto/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryKeyValueStore } from '../store/key-value/index.js';
import { CallbackVerifier } from './callback-verifier.js';
import { DELIVER_CALLBACK_DEFAULTS, deliverCallback, type CallbackRetryEvent } from './deliver-callback.js';

const SECRET = 'test-secret-of-32-characters-xyz';
const BODY = JSON.stringify({ jobId: '01ARZ3NDEKTSV4RRFFQ69G5FAV', tenantId: 'acme', status: 'done', note: 'çay ☕' });

interface Received {
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
  /** What the receiver's CallbackVerifier made of the try: 'ok' or the error code. */
  readonly verdict: string;
}

/** What the receiver does with try number `n` (1-based). */
type Script = (n: number, request: IncomingMessage, response: ServerResponse) => void;

const servers: Server[] = [];
const stores: MemoryKeyValueStore[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  await Promise.all(stores.splice(0).map((store) => store.close()));
});

function answer(response: ServerResponse, status: number, headers: Record<string, string> = {}, body = ''): void {
  response.writeHead(status, headers).end(body);
}

const envelope = (code: string) => JSON.stringify({ success: false, data: null, error: { code }, meta: {} });

/** A real HTTP receiver that verifies every try like the backend does, then follows `script`. */
async function receiver(script: Script): Promise<{ url: string; received: Received[] }> {
  const store = new MemoryKeyValueStore({ sweepIntervalMs: 0 });
  stores.push(store);
  const verifier = new CallbackVerifier({ secret: SECRET, replayStore: store });
  const received: Received[] = [];
  let tries = 0;
  const server = createServer((request, response) => {
    const n = ++tries;
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const verdict = await verifier.verify(body, request.headers).then(
        () => 'ok',
        (error: InvektoError) => error.code,
      );
      received.push({ headers: request.headers, body, verdict });
      script(n, request, response);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/callback`, received };
}

/** Records the waits instead of sleeping through them. */
function recordedSleep(): { sleep: (ms: number) => Promise<void>; delays: number[] } {
  const delays: number[] = [];
  return { delays, sleep: async (ms) => void delays.push(ms) };
}

async function failure(promise: Promise<unknown>): Promise<InvektoError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isInvektoError(error)) throw new Error(`expected an InvektoError, got ${String(error)}`);
  return error;
}

describe('deliverCallback against a real HTTP receiver', () => {
  it('POSTs the body as signed JSON and resolves on a 2xx answer', async () => {
    const { url, received } = await receiver((_n, _request, response) => answer(response, 200));
    const receipt = await deliverCallback({
      url,
      body: BODY,
      secret: SECRET,
      headers: { 'x-request-id': 'req-1', 'content-type': 'text/plain' },
    });
    expect(receipt).toEqual({ status: 200, attempts: 1 });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ body: BODY, verdict: 'ok' });
    expect(received[0]?.headers).toMatchObject({ 'content-type': 'application/json', 'x-request-id': 'req-1' });
  });

  it('retries transient answers with fresh signatures and waits 200 ms × 3^n in between', async () => {
    const { url, received } = await receiver((n, _request, response) => answer(response, n <= 3 ? 503 : 202));
    const { sleep, delays } = recordedSleep();
    const events: CallbackRetryEvent[] = [];
    const receipt = await deliverCallback({ url, body: BODY, secret: SECRET, sleep, onRetry: (e) => events.push(e) });

    expect(receipt).toEqual({ status: 202, attempts: 4 });
    expect(delays).toEqual([200, 600, 1_800]);
    expect(events.map(({ attempt, delayMs, error }) => [attempt, delayMs, error.code])).toEqual([
      [1, 200, 'INV-NET-004'],
      [2, 600, 'INV-NET-004'],
      [3, 1_800, 'INV-NET-004'],
    ]);
    // Every try passed the receiver's replay check: each one was signed afresh.
    expect(received.map((entry) => entry.verdict)).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(new Set(received.map((entry) => entry.headers[HeaderNames.TokenSignature])).size).toBe(4);
  });

  it('gives up after the last try with a TRANSIENT error, so the job climbs its retry ladder', async () => {
    const { url, received } = await receiver((_n, _request, response) =>
      answer(response, 500, { 'content-type': 'application/json' }, envelope('INV-SYS-003')),
    );
    const { sleep, delays } = recordedSleep();
    const error = await failure(deliverCallback({ url, body: BODY, secret: SECRET, sleep }));
    expect(error).toMatchObject({ code: 'INV-NET-004', category: 'TRANSIENT' });
    expect(error.message).toBe('The callback receiver answered HTTP 500 INV-SYS-003. Gave up after 4 tries.');
    expect(received).toHaveLength(DELIVER_CALLBACK_DEFAULTS.attempts);
    expect(delays).toEqual([200, 600, 1_800]);
  });

  it('retries 408 and 429, honouring Retry-After up to maxDelayMs', async () => {
    const { url } = await receiver((n, _request, response) => {
      if (n === 1) return answer(response, 408);
      if (n === 2) return answer(response, 429, { 'retry-after': '2' });
      if (n === 3) return answer(response, 429, { 'retry-after': '3600' });
      return answer(response, 204);
    });
    const { sleep, delays } = recordedSleep();
    const receipt = await deliverCallback({ url, body: BODY, secret: SECRET, sleep, attempts: 5 });
    expect(receipt).toEqual({ status: 204, attempts: 4 });
    expect(delays).toEqual([200, 2_000, 5_000]);
  });

  it('stops at once with a PERMANENT INV-NET-005 when the receiver refuses the callback', async () => {
    for (const [status, code] of [
      [401, 'INV-AUTH-002'],
      [400, 'INV-VAL-004'],
      [404, 'INV-DATA-002'],
    ] as const) {
      const { url, received } = await receiver((_n, _request, response) =>
        answer(response, status, { 'content-type': 'application/json' }, envelope(code)),
      );
      const { sleep, delays } = recordedSleep();
      const error = await failure(deliverCallback({ url, body: BODY, secret: SECRET, sleep }));
      expect(error).toMatchObject({ code: 'INV-NET-005', category: 'PERMANENT' });
      expect(error.message).toBe(`The callback receiver refused the callback with HTTP ${status} ${code}.`);
      expect(received).toHaveLength(1);
      expect(delays).toEqual([]);
    }
  });

  it('never follows a redirect with the signed result', async () => {
    const elsewhere = await receiver((_n, _request, response) => answer(response, 200));
    const { url } = await receiver((_n, _request, response) => answer(response, 307, { location: elsewhere.url }));
    const error = await failure(deliverCallback({ url, body: BODY, secret: SECRET, sleep: recordedSleep().sleep }));
    expect(error).toMatchObject({ code: 'INV-NET-005', category: 'PERMANENT' });
    expect(elsewhere.received).toHaveLength(0);
  });

  it('retries a receiver that cannot be reached and ends with INV-NET-002', async () => {
    const { url } = await receiver(() => undefined);
    const closed = servers.pop() as Server;
    await new Promise((resolve) => closed.close(resolve));
    const { sleep, delays } = recordedSleep();
    const error = await failure(deliverCallback({ url, body: BODY, secret: SECRET, sleep, attempts: 2 }));
    expect(error).toMatchObject({ code: 'INV-NET-002', category: 'TRANSIENT' });
    expect(error.message).toMatch(/could not be reached \(ECONNREFUSED\)\. Gave up after 2 tries\.$/);
    expect(delays).toEqual([200]);
  });

  it('recovers from a connection reset on the next try', async () => {
    const { url, received } = await receiver((n, request, response) =>
      n === 1 ? request.socket.destroy() : answer(response, 200),
    );
    const { sleep, delays } = recordedSleep();
    expect(await deliverCallback({ url, body: BODY, secret: SECRET, sleep })).toEqual({ status: 200, attempts: 2 });
    expect(delays).toEqual([200]);
    expect(received.map((entry) => entry.verdict)).toEqual(['ok', 'ok']);
  });

  it('cuts a try off after timeoutMs and ends with INV-NET-001', async () => {
    const { url, received } = await receiver(() => undefined);
    const { sleep } = recordedSleep();
    const started = performance.now();
    const error = await failure(
      deliverCallback({ url, body: BODY, secret: SECRET, sleep, attempts: 2, timeoutMs: 100 }),
    );
    expect(error).toMatchObject({ code: 'INV-NET-001', category: 'TRANSIENT' });
    expect(error.message).toBe('The callback receiver did not answer within 100 ms. Gave up after 2 tries.');
    expect(received).toHaveLength(2);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('waits on a real timer by default', async () => {
    const { url } = await receiver((n, _request, response) => answer(response, n === 1 ? 502 : 200));
    const started = performance.now();
    const receipt = await deliverCallback({ url, body: BODY, secret: SECRET, baseDelayMs: 50 });
    expect(receipt).toEqual({ status: 200, attempts: 2 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
  });

  it('stops with INV-SYS-004 when cancelled while waiting for the next try', async () => {
    const { url, received } = await receiver((_n, _request, response) => answer(response, 503));
    const controller = new AbortController();
    const promise = deliverCallback({
      url,
      body: BODY,
      secret: SECRET,
      baseDelayMs: 60_000,
      maxDelayMs: 60_000,
      signal: controller.signal,
      onRetry: () => setTimeout(() => controller.abort(), 10),
    });
    const error = await failure(promise);
    expect(error).toMatchObject({ code: 'INV-SYS-004', category: 'TRANSIENT' });
    expect(received).toHaveLength(1);
  });

  it('refuses bad options before sending anything, naming the field', async () => {
    const base = { url: 'http://127.0.0.1:1/callback', body: BODY, secret: SECRET };
    await expect(deliverCallback({ ...base, url: 'ftp://example.com/x' })).rejects.toThrow(/url/);
    await expect(deliverCallback({ ...base, url: '/relative' })).rejects.toThrow(/url/);
    await expect(deliverCallback({ ...base, secret: '' })).rejects.toThrow(/secret/);
    await expect(deliverCallback({ ...base, body: { a: 1 } as never })).rejects.toThrow(/body/);
    await expect(deliverCallback({ ...base, attempts: 0 })).rejects.toThrow(/attempts/);
    await expect(deliverCallback({ ...base, timeoutMs: 0 })).rejects.toThrow(/timeoutMs/);
    await expect(deliverCallback({ ...base, backoffFactor: 0.5 })).rejects.toThrow(/backoffFactor/);
    expect(DELIVER_CALLBACK_DEFAULTS).toEqual({
      attempts: 4,
      baseDelayMs: 200,
      backoffFactor: 3,
      maxDelayMs: 5_000,
      timeoutMs: 5_000,
    });
  });
});

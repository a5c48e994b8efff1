import { Exchanges, InvektoError, MessageHeaderNames as H, Queues, RoutingKeys } from '@invekto/contracts';
import { ulid } from 'ulid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { until } from '../../../__fixtures__/until.js';
import { IdempotencyGuard } from '../../../idempotency/idempotency-guard.js';
import { createLogger } from '../../../observability/logger.js';
import { LogCapture } from '../../../observability/log-capture.js';
import { KeyNamespace, MemoryKeyValueStore } from '../../../store/key-value/index.js';
import type { Broker, Delivery } from '../../broker/broker.js';
import type { Topology } from '../../topology/topology.js';
import { retryHistory } from '../failure-headers.js';
import { JobConsumer, type ConsumedMessage, type JobHandler } from '../job-consumer.js';

export interface ConsumerBrokerHarness {
  readonly broker: Broker;
  /** Must scale the ladder down to tens of milliseconds per rung. */
  readonly topology: Topology;
  close(): Promise<void>;
}

interface Job {
  readonly n: number;
}

type Behaviour = (job: Job, message: ConsumedMessage) => Promise<void>;

/**
 * How `JobConsumer` behaves on a real broker: the same suite runs on the embedded SQL broker and on
 * RabbitMQ, each with a ladder scaled down so a whole walk takes well under a second.
 */
export function describeJobConsumerBehaviour(name: string, open: () => Promise<ConsumerBrokerHarness>): void {
  describe(`JobConsumer on ${name}`, () => {
    let harness: ConsumerBrokerHarness;
    let consumer: JobConsumer<Job> | undefined;
    let dlqSubscription: { cancel(): Promise<void> } | undefined;
    const deadLettered: Delivery[] = [];
    let calls: ConsumedMessage[];
    let behaviour: Behaviour;
    let logs: LogCapture;

    const handler: JobHandler<Job> = {
      decode(body) {
        const n = (body as { n?: unknown } | null)?.n;
        if (typeof n !== 'number') throw new InvektoError('INV-BUS-005', { message: 'n must be a number' });
        return { n };
      },
      async process(job, message) {
        calls.push(message);
        await behaviour(job, message);
        return { n: job.n };
      },
    };

    async function startConsumer(options: { concurrency?: number; prefetch?: number } = {}) {
      const queue = harness.topology.jobQueues[0];
      if (queue === undefined) throw new Error('no job queue');
      consumer = new JobConsumer<Job>({
        broker: harness.broker,
        queue,
        retryRungs: harness.topology.retryRungs,
        guard: new IdempotencyGuard({ store: new MemoryKeyValueStore(), keys: new KeyNamespace('t:') }),
        handler,
        schemaVersions: ['1'],
        logger: createLogger({ service: 'consumer-test', hashSalt: 's', destination: logs }),
        consumerId: 'test-consumer',
        settleRetryDelayMs: 10,
        ...options,
      });
      await consumer.start();
      return consumer;
    }

    async function publish(
      body: unknown,
      overrides: { messageId?: string; schemaVersion?: string; raw?: Buffer } = {},
    ): Promise<string> {
      const messageId = overrides.messageId ?? ulid();
      await harness.broker.publish({
        exchange: Exchanges.Direct,
        routingKey: RoutingKeys.ChatAnalysis,
        messageId,
        body: overrides.raw ?? Buffer.from(JSON.stringify(body)),
        headers: {
          [H.MessageId]: messageId,
          [H.SchemaVersion]: overrides.schemaVersion ?? '1',
          [H.TenantId]: 'acme',
          [H.RetryCount]: '0',
          [H.MaxRetries]: '5',
        },
      });
      return messageId;
    }

    beforeEach(async () => {
      harness = await open();
      calls = [];
      behaviour = async () => undefined;
      logs = new LogCapture();
      deadLettered.length = 0;
      dlqSubscription = await harness.broker.consume(
        Queues.DeadLetter,
        (delivery) => {
          deadLettered.push(delivery);
          void delivery.ack();
        },
        { prefetch: 50 },
      );
    });

    afterEach(async () => {
      await consumer?.close(1_000);
      consumer = undefined;
      await dlqSubscription?.cancel();
      await harness.close();
    });

    it('processes a message once, and a duplicate of the same message id not again', async () => {
      const processed: string[] = [];
      const duplicates: string[] = [];
      const started = await startConsumer();
      started.on('processed', (event) => processed.push(event.messageId));
      started.on('duplicate', (event) => duplicates.push(event.state));
      const messageId = await publish({ n: 1 });
      await until('processing', () => (processed.length === 1 ? true : undefined));
      await publish({ n: 1 }, { messageId });
      await until('the duplicate', () => (duplicates.length === 1 ? true : undefined));
      expect(calls).toHaveLength(1);
      expect(calls[0]).toMatchObject({ messageId, retryCount: 0 });
      expect(calls[0]?.context.tenantId).toBe('acme');
      expect(duplicates).toEqual(['completed']);
    });

    it('walks a transient failure up every rung in order, then dead-letters it with the 3.6 headers', async () => {
      behaviour = async () => {
        throw new InvektoError('INV-NET-002');
      };
      const rungs: string[] = [];
      const started = await startConsumer();
      started.on('retry-scheduled', (event) => rungs.push(event.rung));
      const messageId = await publish({ n: 2 });
      const dead = await until('the DLQ entry', () => deadLettered.find((d) => d.messageId === messageId));
      expect(calls.map((call) => call.retryCount)).toEqual([0, 1, 2, 3, 4, 5]);
      expect(rungs).toEqual(harness.topology.retryRungs.map((rung) => rung.queue));
      expect(dead.headers).toMatchObject({
        [H.DlqReason]: 'max_retries',
        [H.OriginalQueue]: harness.topology.jobQueues[0]?.queue,
        [H.OriginalRoutingKey]: RoutingKeys.ChatAnalysis,
        [H.LastConsumer]: 'test-consumer',
        [H.ErrorCategory]: 'TRANSIENT',
        [H.RetryCount]: '5',
        [H.TenantId]: 'acme',
      });
      expect(typeof dead.headers[H.DlqEnteredAt]).toBe('string');
      const history = retryHistory(dead.headers);
      expect(history.map((entry) => entry.rung)).toEqual([
        ...harness.topology.retryRungs.map((rung) => rung.queue),
        null,
      ]);
      expect(history.every((entry) => entry.code === 'INV-NET-002')).toBe(true);
      expect(JSON.parse(dead.body.toString('utf8'))).toEqual({ n: 2 });
    });

    it('sends a permanent failure to the DLQ at once', async () => {
      behaviour = async () => {
        throw new InvektoError('CHA-VAL-003');
      };
      await startConsumer();
      const messageId = await publish({ n: 3 });
      const dead = await until('the DLQ entry', () => deadLettered.find((d) => d.messageId === messageId));
      expect(calls).toHaveLength(1);
      expect(dead.headers).toMatchObject({ [H.DlqReason]: 'permanent_error', [H.ErrorCategory]: 'PERMANENT' });
      expect(retryHistory(dead.headers)).toEqual([expect.objectContaining({ code: 'CHA-VAL-003', rung: null })]);
    });

    it('retries an unexplained failure once, then dead-letters it', async () => {
      behaviour = async () => {
        throw new TypeError('undefined is not a function');
      };
      await startConsumer();
      const messageId = await publish({ n: 4 });
      const dead = await until('the DLQ entry', () => deadLettered.find((d) => d.messageId === messageId));
      expect(calls.map((call) => call.retryCount)).toEqual([0, 1]);
      expect(dead.headers).toMatchObject({ [H.DlqReason]: 'permanent_error', [H.ErrorCategory]: 'UNKNOWN' });
    });

    it('dead-letters poison without calling the handler: garbage, bad id, unknown version, wrong schema', async () => {
      await startConsumer();
      const poison = [
        await publish(undefined, { raw: Buffer.from([0xff, 0xfe, 0x00, 0x41]) }),
        await publish({ n: 5 }, { messageId: 'not-a-ulid' }),
        await publish({ n: 5 }, { schemaVersion: '99' }),
        await publish({ n: 'five' }),
        await publish(undefined, { raw: Buffer.from('{"n": 1') }),
      ];
      await until('five DLQ entries', () => (deadLettered.length >= 5 ? true : undefined));
      expect(calls).toHaveLength(0);
      expect(deadLettered.map((d) => d.messageId).sort()).toEqual([...poison].sort());
      const codes = deadLettered.map((d) => retryHistory(d.headers)[0]?.code).sort();
      expect(codes).toEqual(['INV-BUS-003', 'INV-BUS-003', 'INV-BUS-003', 'INV-BUS-004', 'INV-BUS-005']);
      expect(deadLettered.every((d) => d.headers[H.DlqReason] === 'poison_message')).toBe(true);
    });

    it('never runs more handlers at once than its concurrency', async () => {
      let running = 0;
      let peak = 0;
      behaviour = async () => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setTimeout(resolve, 20));
        running -= 1;
      };
      const processed: string[] = [];
      const started = await startConsumer({ concurrency: 2, prefetch: 10 });
      started.on('processed', (event) => processed.push(event.messageId));
      for (let n = 0; n < 12; n += 1) await publish({ n });
      await until('all twelve', () => (processed.length === 12 ? true : undefined));
      expect(peak).toBe(2);
    });

    it('drains on close: the running job finishes and is acknowledged, waiting ones go back to the queue', async () => {
      let release: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => (release = resolve));
      behaviour = async (job) => {
        if (job.n === 0) await gate;
      };
      const processed: number[] = [];
      const first = await startConsumer({ concurrency: 1, prefetch: 5 });
      first.on('processed', () => processed.push(processed.length));
      for (let n = 0; n < 4; n += 1) await publish({ n });
      await until('the first job to start', () => (calls.length === 1 ? true : undefined));
      const closing = first.close(5_000);
      release();
      await closing;
      expect(processed).toHaveLength(1);
      consumer = undefined;
      const second = await startConsumer({ concurrency: 4 });
      const rest: number[] = [];
      second.on('processed', () => rest.push(rest.length));
      await until('the other three', () => (rest.length === 3 ? true : undefined));
      expect(calls.map((call) => (call.redelivered ? 'again' : 'first')).slice(0, 1)).toEqual(['first']);
    });
  });
}

import {
  ErrorResponseSchema,
  HeaderNames,
  InvektoError,
  JobCallbackSchema,
  JobStatus,
  JobStatusSchema,
  JobViewSchema,
  StandardResponseSchema,
  type JobCallback,
} from '@invekto/contracts';
import { success, type HttpApp } from '@invekto/platform/http';
import type { JobOutcome } from '@invekto/platform/jobs';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { JOB_CALLBACK_PATH, type BackendJobs } from '../jobs/backend-jobs.js';

/** The answer to a callback: the job's status now, and whether this callback was a repeat. */
export const JobCallbackAckSchema = Type.Object(
  {
    jobId: JobViewSchema.properties.jobId,
    status: JobStatusSchema,
    /** The job had already ended: a replayed or late callback that changed nothing. */
    duplicate: Type.Boolean(),
  },
  { additionalProperties: false },
);

const JSON_CONTENT_TYPE = /^application\/([\w.+-]+\+)?json(;.*)?$/i;
// ignoreBOM keeps a leading BOM in the text, so the signature is checked over exactly what was sent.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function outcomeOf(callback: JobCallback): JobOutcome {
  const common = { attempts: callback.attempts, finishedAt: new Date(callback.finishedAt) };
  if (callback.status === JobStatus.Done) {
    if (callback.result === undefined) {
      throw new InvektoError('INV-VAL-004', { details: 'body/result is required when status is done' });
    }
    return { ...common, status: callback.status, result: callback.result };
  }
  if (callback.error === undefined) {
    throw new InvektoError('INV-VAL-004', { details: `body/error is required when status is ${callback.status}` });
  }
  return { ...common, status: callback.status, error: callback.error };
}

/**
 * `POST /api/v1/internal/jobs/callback`: where consumers report how a job ended (seed 001 §1, "result
 * back to Backend"). The signature covers the body byte for byte, so this route has a JSON parser of its
 * own that keeps the raw text, and checks the signature (INV-AUTH-001/002, 401) before the body is
 * validated or trusted. A repeated outcome still answers 200, marked `duplicate`, so the consumer stops
 * retrying; an unknown job answers 404, which the consumer treats as final.
 */
export function registerJobCallbackRoute(app: HttpApp, jobs: BackendJobs, bodyLimitBytes: number): void {
  const rawBodies = new WeakMap<FastifyRequest, string>();

  // Content-type parsers belong to an encapsulation context: this one replaces the strict JSON parser
  // for the callback route only.
  void app.register(async (scope: HttpApp) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(JSON_CONTENT_TYPE, { parseAs: 'buffer' }, (request, body, done) => {
      let text: string;
      try {
        text = utf8.decode(body as Buffer);
      } catch {
        done(new InvektoError('INV-VAL-001', { details: 'body is not valid UTF-8' }));
        return;
      }
      rawBodies.set(request, text);
      try {
        // Parsed only to be validated against JobCallbackSchema, whose closed objects refuse
        // prototype-poisoning keys; nothing is trusted before the signature checks out.
        done(null, JSON.parse(text));
      } catch (error) {
        done(new InvektoError('INV-VAL-001', { details: (error as Error).message }));
      }
    });
    scope.addHook('preValidation', async (request) => {
      const raw = rawBodies.get(request);
      if (raw === undefined) throw new InvektoError('INV-AUTH-001', { details: 'the request has no signed body' });
      await jobs.verifier.verify(raw, request.headers);
    });

    scope.post(
      JOB_CALLBACK_PATH,
      {
        bodyLimit: bodyLimitBytes,
        schema: {
          tags: ['internal'],
          summary: 'Report how an async job ended (consumers only)',
          description:
            `Signed: ${HeaderNames.TokenTimestamp} is the signing time in epoch milliseconds and ` +
            `${HeaderNames.TokenSignature} is \`v1=\` and the hex HMAC-SHA256 of \`{timestamp}.{body}\` under the ` +
            'callback secret. A signature older or newer than the allowed age, or seen before, is refused. ' +
            'Answers 200 for a repeated outcome too (`duplicate: true`).',
          headers: Type.Object({
            [HeaderNames.TokenTimestamp]: Type.String(),
            [HeaderNames.TokenSignature]: Type.String(),
          }),
          body: JobCallbackSchema,
          response: {
            200: StandardResponseSchema(JobCallbackAckSchema),
            '4xx': ErrorResponseSchema,
            '5xx': ErrorResponseSchema,
          },
        },
      },
      async (request) => {
        const callback: JobCallback = request.body;
        const outcome = outcomeOf(callback);
        let recording;
        try {
          recording = await jobs.jobs.recordOutcome(callback.tenantId, callback.jobId, outcome);
        } catch (error) {
          // An outcome the table cannot hold (NUL in a string) will never fit; retrying cannot help.
          if (error instanceof RangeError) throw new InvektoError('INV-VAL-004', { details: error.message });
          throw error;
        }
        if (recording.outcome === 'not-found') throw new InvektoError('INV-DATA-002');
        return success(
          request,
          { jobId: callback.jobId, status: recording.job.status, duplicate: recording.outcome === 'already-finished' },
          { jobId: callback.jobId },
        );
      },
    );
  });
}

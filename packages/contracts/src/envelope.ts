import { Type, type Static, type TSchema } from 'typebox';

/** Error part of the response envelope (seed 000 §0.4). */
export const ErrorInfoSchema = Type.Object(
  {
    code: Type.String({ pattern: '^[A-Z]{2,3}-[A-Z]{3,4}-\\d{3}$', description: 'SVC-CAT-NNN' }),
    message: Type.String({ description: 'User-facing message' }),
    category: Type.Union([Type.Literal('TRANSIENT'), Type.Literal('PERMANENT'), Type.Literal('UNKNOWN')]),
    details: Type.Optional(Type.Unknown({ description: 'Ops-only details; omitted in production' })),
    traceId: Type.Optional(Type.String()),
  },
  { $id: 'ErrorInfo', additionalProperties: false },
);
export type ErrorInfo = Static<typeof ErrorInfoSchema>;

/** Processing metadata of the response envelope (seed 000 §0.4). */
export const ResponseMetadataSchema = Type.Object(
  {
    requestId: Type.String(),
    traceId: Type.Optional(Type.String()),
    processingTimeMs: Type.Number({ minimum: 0 }),
    serviceVersion: Type.String(),
    isDegraded: Type.Boolean(),
    degradedReason: Type.Optional(Type.String()),
    jobId: Type.Optional(Type.String()),
    warnings: Type.Optional(Type.Array(Type.String())),
    /** Service-specific processing details (timings, analyser version). Never part of `data`. */
    processing: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { $id: 'ResponseMetadata', additionalProperties: false },
);
export type ResponseMetadata = Static<typeof ResponseMetadataSchema>;

/** The envelope every Invekto endpoint answers with, success or failure. */
export function StandardResponseSchema<T extends TSchema>(data: T, id?: string) {
  return Type.Object(
    {
      success: Type.Boolean(),
      data: Type.Union([data, Type.Null()]),
      error: Type.Union([ErrorInfoSchema, Type.Null()]),
      meta: ResponseMetadataSchema,
    },
    { additionalProperties: false, ...(id === undefined ? {} : { $id: id }) },
  );
}

export const ErrorResponseSchema = StandardResponseSchema(Type.Null(), 'ErrorResponse');

export interface StandardResponse<T> {
  success: boolean;
  data: T | null;
  error: ErrorInfo | null;
  meta: ResponseMetadata;
}

import { Type } from 'typebox';
import { JobStatus } from '../job-status.js';

export const JobStatusSchema = Type.Union(
  [
    Type.Literal(JobStatus.Accepted),
    Type.Literal(JobStatus.Queued),
    Type.Literal(JobStatus.Processing),
    Type.Literal(JobStatus.Retrying),
    Type.Literal(JobStatus.Done),
    Type.Literal(JobStatus.Failed),
    Type.Literal(JobStatus.DeadLettered),
  ],
  { description: 'Lifecycle of an async job' },
);

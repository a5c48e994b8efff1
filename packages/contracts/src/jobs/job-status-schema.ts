import { Type } from 'typebox';
import { JobStatus } from '../job-status.js';

export const JobStatusSchema = Type.Union(
  Object.values(JobStatus).map((status) => Type.Literal(status)),
  { $id: 'JobStatus' },
);

-- The outbox message that carries each job, and when the job reached its terminal status.
ALTER TABLE jobs ADD COLUMN message_id text;
ALTER TABLE jobs ADD COLUMN finished_at timestamptz;

-- The statuses of JobStatus in @invekto/contracts; a typo in a writer fails loudly instead of hiding a job.
ALTER TABLE jobs ADD CONSTRAINT jobs_status_check
  CHECK (status IN ('accepted', 'queued', 'processing', 'retrying', 'done', 'failed', 'dead-lettered'));

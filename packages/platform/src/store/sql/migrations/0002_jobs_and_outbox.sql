-- Accepted jobs and their outcome; job_id is a ULID.
CREATE TABLE jobs (
  job_id text PRIMARY KEY,
  tenant_id text NOT NULL,
  kind text NOT NULL,
  status text NOT NULL,
  payload jsonb NOT NULL,
  result jsonb,
  error jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  attempts int NOT NULL DEFAULT 0
);

CREATE INDEX jobs_tenant_created_idx ON jobs (tenant_id, created_at);

-- Transactional outbox: rows written in the same transaction as the state change, published later.
CREATE TABLE outbox (
  id bigserial PRIMARY KEY,
  message_id text NOT NULL UNIQUE,
  destination text NOT NULL,
  routing_key text NOT NULL,
  headers jsonb NOT NULL,
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  available_at timestamptz NOT NULL DEFAULT now(),
  dispatched_at timestamptz,
  attempts int NOT NULL DEFAULT 0,
  last_error text
);

-- The dispatcher's scan: pending rows that are due, oldest first. Partial, so it stays small.
CREATE INDEX outbox_pending_idx ON outbox (available_at, id) WHERE dispatched_at IS NULL;

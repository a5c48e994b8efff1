-- SqlBroker (messaging/sql-broker): the embedded message broker. One row per message per queue; a row is
-- deleted when its delivery is acknowledged or it is dead-lettered. Times are epoch milliseconds (bigint),
-- stamped by the database clock unless the broker is given its own.
CREATE TABLE broker_messages (
  id bigserial PRIMARY KEY,
  queue text NOT NULL,
  message_id text,
  exchange text NOT NULL,
  routing_key text NOT NULL,
  headers json NOT NULL,
  body bytea NOT NULL,
  content_type text,
  published_at bigint NOT NULL,
  -- From the queue's x-message-ttl when the row was written; NULL never expires.
  expires_at bigint,
  -- Set while a consumer holds the message; a lapsed lease makes it deliverable again.
  lease_until bigint,
  -- Claims so far: > 0 at claim time means redelivered, and it tells a stale settlement from a live one.
  delivery_count int NOT NULL DEFAULT 0
) WITH (fillfactor = 70); -- room on each page, so claims and lease renewals are HOT updates

-- Claims: the due rows of one queue, lowest id (FIFO) first.
CREATE INDEX broker_messages_queue_idx ON broker_messages (queue, id);
-- The expiry sweeper: earliest expiry first.
CREATE INDEX broker_messages_expiry_idx ON broker_messages (expires_at) WHERE expires_at IS NOT NULL;

-- Live subscriptions of every broker process on this database, kept alive by heartbeats; stats() counts them.
CREATE TABLE broker_consumers (
  consumer_id text PRIMARY KEY,
  queue text NOT NULL,
  expires_at bigint NOT NULL
);

CREATE INDEX broker_consumers_queue_idx ON broker_consumers (queue, expires_at);

import { JobStatus } from '@invekto/contracts';
import { describe, expect, it } from 'vitest';
import { TEST_PG_URL, useTestDatabase } from '../__fixtures__/postgres-test-database.js';
import { realServer } from '../__fixtures__/real-servers.js';
import { migrate } from '../store/sql/migrations.js';
import type { PostgresSqlStore } from '../store/sql/postgres-sql-store.js';
import { describeJobRepositoryBehaviour, newJob } from './__fixtures__/job-repository-behaviour.js';
import { JobRepository, type OutcomeRecording } from './job-repository.js';

const postgres = await realServer('PostgreSQL', TEST_PG_URL);

describe.runIf(postgres.run)('jobs against a real PostgreSQL', () => {
  const database = useTestDatabase(postgres, 'invekto_jobs_test');
  let shared: Promise<PostgresSqlStore> | undefined;
  const sharedStore = () => {
    shared ??= (async () => {
      const store = database.open({ poolSize: 4 });
      await migrate(store);
      return store;
    })();
    return shared;
  };

  describeJobRepositoryBehaviour('PostgreSQL', sharedStore);

  it('records one outcome when callbacks race from separate processes', async () => {
    const store = await sharedStore();
    const job = newJob();
    await store.transaction((tx) => new JobRepository(store).create(tx, job));

    // Four pools stand in for four backend processes receiving the same job's callbacks at once.
    const racers = Array.from({ length: 4 }, () => new JobRepository(database.open({ poolSize: 2 })));
    const outcomes: OutcomeRecording[] = await Promise.all(
      racers.flatMap((jobs, n) =>
        [0, 1, 2].map((k) =>
          jobs.recordOutcome(job.tenantId, job.jobId, { status: 'done', result: { racer: n, k }, attempts: 1 }),
        ),
      ),
    );

    expect(outcomes.filter((outcome) => outcome.outcome === 'recorded')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome.outcome === 'already-finished')).toHaveLength(11);
    const { rows } = await store.query<{ status: string }>('SELECT status FROM jobs WHERE job_id = $1', [job.jobId]);
    expect(rows).toEqual([{ status: JobStatus.Done }]);
  });
});

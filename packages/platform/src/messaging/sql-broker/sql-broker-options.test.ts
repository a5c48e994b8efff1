import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../config/config-error.js';
import { compileSqlBrokerSettings, SQL_BROKER_DEFAULTS } from './sql-broker-options.js';

describe('compileSqlBrokerSettings', () => {
  it('returns the frozen defaults when nothing is given', () => {
    const settings = compileSqlBrokerSettings({});
    expect(settings).toEqual(SQL_BROKER_DEFAULTS);
    expect(settings).toEqual({
      leaseMs: 30_000,
      renewIntervalMs: 10_000,
      pollIntervalMs: 50,
      sweepIntervalMs: 1_000,
      sweepBatchSize: 500,
      vacuumEveryRows: 5_000,
      backoffInitialMs: 100,
      backoffMaxMs: 5_000,
    });
    expect(Object.isFrozen(settings)).toBe(true);
  });

  it('renews every third of a lease given without its own renewal interval', () => {
    expect(compileSqlBrokerSettings({ leaseMs: 900 }).renewIntervalMs).toBe(300);
    expect(compileSqlBrokerSettings({ leaseMs: 900, renewIntervalMs: 100 }).renewIntervalMs).toBe(100);
  });

  it('names the bad field', () => {
    const fieldOf = (options: Record<string, unknown>) => {
      try {
        compileSqlBrokerSettings(options);
      } catch (error) {
        return error instanceof ConfigError ? error.variable : 'not a ConfigError';
      }
      return 'no error';
    };
    expect(fieldOf({ leaseMs: 0 })).toBe('leaseMs');
    expect(fieldOf({ pollIntervalMs: 1.5 })).toBe('pollIntervalMs');
    expect(fieldOf({ sweepIntervalMs: 2 ** 31 })).toBe('sweepIntervalMs');
    expect(fieldOf({ leaseMs: 100, renewIntervalMs: 100 })).toBe('renewIntervalMs');
    expect(fieldOf({ backoffInitialMs: 500, backoffMaxMs: 100 })).toBe('backoffMaxMs');
    expect(fieldOf({ leasMs: 100 })).toBe('leasMs');
  });
});

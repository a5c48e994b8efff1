import { ConfigError } from './config-error.js';

/** Reads one environment variable into a typed value, or throws a ConfigError naming it. */
export type EnvParser<T> = (raw: string, variable: string) => T;

export function integer(min: number, max: number): EnvParser<number> {
  return (raw, variable) => {
    if (!/^-?\d+$/.test(raw.trim())) throw new ConfigError(variable, `must be an integer, got "${raw}"`);
    const value = Number(raw);
    if (value < min || value > max) throw new ConfigError(variable, `must be between ${min} and ${max}, got ${value}`);
    return value;
  };
}

export function oneOf<const T extends string>(values: readonly T[]): EnvParser<T> {
  return (raw, variable) => {
    const value = raw.trim();
    if (!(values as readonly string[]).includes(value)) {
      throw new ConfigError(variable, `must be one of ${values.join(', ')}, got "${raw}"`);
    }
    return value as T;
  };
}

export const boolean: EnvParser<boolean> = (raw, variable) => {
  const value = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['0', 'false', 'no', 'off'].includes(value)) return false;
  throw new ConfigError(variable, `must be true or false, got "${raw}"`);
};

export const httpUrl: EnvParser<string> = (raw, variable) => {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new ConfigError(variable, `must be an absolute URL, got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(variable, `must be an http(s) URL, got "${raw}"`);
  }
  return url.toString().replace(/\/$/, '');
};

export const host: EnvParser<string> = (raw, variable) => {
  const value = raw.trim();
  if (!/^[A-Za-z0-9.:[\]-]{1,253}$/.test(value))
    throw new ConfigError(variable, `must be a host name or address, got "${raw}"`);
  return value;
};

export const nonEmpty: EnvParser<string> = (raw, variable) => {
  if (raw.trim() === '') throw new ConfigError(variable, 'must not be empty');
  return raw;
};

export const port = integer(0, 65_535);

/** A URL whose scheme is one of `protocols` (e.g. `['postgres:', 'postgresql:']`); kept as written. */
export function urlWithProtocol(protocols: readonly string[]): EnvParser<string> {
  return (raw, variable) => {
    let url: URL;
    try {
      url = new URL(raw.trim());
    } catch {
      throw new ConfigError(variable, `must be a URL, got "${raw}"`);
    }
    if (!protocols.includes(url.protocol)) {
      throw new ConfigError(variable, `must start with ${protocols.join(' or ')}, got "${url.protocol}"`);
    }
    return raw.trim();
  };
}

/** A comma-separated list of integers within `min..max`, at least one. */
export function integerList(min: number, max: number): EnvParser<readonly number[]> {
  const one = integer(min, max);
  return (raw, variable) => {
    const parts = raw.split(',').map((part) => part.trim());
    if (parts.some((part) => part === ''))
      throw new ConfigError(variable, `must be integers separated by commas, got "${raw}"`);
    return parts.map((part) => one(part, variable));
  };
}

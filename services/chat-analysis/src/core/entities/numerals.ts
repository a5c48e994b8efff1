/**
 * How to read a numeral whose only separator is followed by exactly three digits ("1.250", "1,250"):
 * money never has three decimals, so both are thousands; otherwise Turkish groups with dots and
 * English with commas.
 */
export type NumeralReading = 'money' | 'tr' | 'en';

const GROUPED_TAIL = /^\d{3}$/;
const MAX_DIGITS = 15;

function digitCount(raw: string): number {
  let count = 0;
  for (const char of raw) if (char >= '0' && char <= '9') count += 1;
  return count;
}

/** "1.250.000" with `.` as the grouping separator → 1250000; undefined when a group is not three digits. */
function parseGrouped(raw: string, separator: string): number | undefined {
  const groups = raw.split(separator);
  const head = groups[0] ?? '';
  if (head.length < 1 || head.length > 3) return undefined;
  for (let i = 1; i < groups.length; i += 1) if (!GROUPED_TAIL.test(groups[i] ?? '')) return undefined;
  return Number(groups.join(''));
}

function isThousands(separator: string, reading: NumeralReading): boolean {
  if (reading === 'money') return true;
  return reading === 'tr' ? separator === '.' : separator === ',';
}

/**
 * Reads a run of digits with `.`/`,` separators the way it was meant, deciding Turkish (1.250,50) or
 * English (1,250.50) by shape. Returns undefined for shapes that are no single number ("1.2.3", "12,5,0").
 */
export function parseNumeral(raw: string, reading: NumeralReading): number | undefined {
  if (digitCount(raw) > MAX_DIGITS) return undefined;
  const lastDot = raw.lastIndexOf('.');
  const lastComma = raw.lastIndexOf(',');
  if (lastDot < 0 && lastComma < 0) return Number(raw);

  if (lastDot >= 0 && lastComma >= 0) {
    const decimalAt = Math.max(lastDot, lastComma);
    const grouping = decimalAt === lastDot ? ',' : '.';
    const whole = raw.slice(0, decimalAt);
    const fraction = raw.slice(decimalAt + 1);
    if (whole.includes(raw[decimalAt] ?? '')) return undefined;
    const integer = parseGrouped(whole, grouping);
    return integer === undefined ? undefined : Number(`${integer}.${fraction}`);
  }

  const separator = lastDot >= 0 ? '.' : ',';
  const parts = raw.split(separator);
  if (parts.length > 2) return parseGrouped(raw, separator);
  const [whole = '', fraction = ''] = parts;
  if (fraction.length === 3 && whole.length <= 3 && isThousands(separator, reading)) {
    return parseGrouped(raw, separator);
  }
  return Number(`${whole}.${fraction}`);
}

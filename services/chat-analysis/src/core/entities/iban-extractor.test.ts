import { describe, expect, it } from 'vitest';
import { found, summary } from './__fixtures__/prepared-message.js';

describe('IBANs', () => {
  it('finds a valid IBAN written in groups and normalises it', () => {
    expect(found('IBAN: TR33 0006 1005 1978 6457 8413 26 hesabına', 'iban')).toEqual([
      {
        text: 'TR33 0006 1005 1978 6457 8413 26',
        normalized: 'TR330006100519786457841326',
        start: 6,
        end: 38,
      },
    ]);
  });

  it('finds an IBAN written without spaces or in lower case', () => {
    expect(found('iban tr330006100519786457841326', 'iban')).toEqual([
      { text: 'tr330006100519786457841326', normalized: 'TR330006100519786457841326', start: 5, end: 31 },
    ]);
    expect(found('DE89 3704 0044 0532 0130 00', 'iban').map((e) => e.normalized)).toEqual(['DE89370400440532013000']);
  });

  it('reports nothing at all for an IBAN with a bad checksum', () => {
    expect(summary('IBAN: TR33 0006 1005 1978 6457 8413 27')).toEqual([]);
    expect(summary('TR330006100519786457841327')).toEqual([]);
  });

  it('does not stretch an IBAN over the words after it', () => {
    expect(summary('TR33 0006 1005 1978 6457 8413 26 nolu hesaba 3 adet')).toEqual([
      'iban:TR33 0006 1005 1978 6457 8413 26',
      'number:3',
    ]);
  });
});

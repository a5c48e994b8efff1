import type { AnalyzeRequest } from '@invekto/contracts';
import { describe, expect, it } from 'vitest';
import { analyzeChat } from './analyze-chat.js';

const customer = (text: string, at = '2025-03-11T09:00:00Z') => ({ role: 'customer' as const, text, at });

describe('analyzeChat', () => {
  it('gives byte-identical data for the same request, whatever ran before', () => {
    const request: AnalyzeRequest = {
      chat: { messages: [customer('Siparişim TY-12345678 yarın gelir mi? 0532 123 45 67'), customer('Thanks!')] },
    };
    const first = JSON.stringify(analyzeChat(request).data);
    analyzeChat({ chat: { messages: [customer('something else entirely, 3 adet 1.250,50 TL')] } });
    expect(JSON.stringify(analyzeChat(request).data)).toBe(first);
  });

  it('keeps timings out of data and in timingsMs', () => {
    const { data, timingsMs } = analyzeChat({ chat: { messages: [customer('merhaba')] } });
    expect(JSON.stringify(data)).not.toMatch(/timing|ms"/i);
    expect(Object.keys(timingsMs)).toEqual(['prepare', 'entities', 'sentiment', 'intent', 'summary', 'total']);
  });

  it('resolves relative dates against the message time in Turkey, falling back to referenceTime', () => {
    const { data } = analyzeChat({
      chat: {
        messages: [customer('yarın gelir mi?', '2025-03-11T22:30:00Z'), { role: 'customer', text: 'bugün lazım' }],
      },
      referenceTime: '2025-06-01T08:00:00Z',
    });
    expect(data.entities.filter((e) => e.type === 'date').map((e) => e.normalized)).toEqual([
      '2025-03-13',
      '2025-06-01',
    ]);
  });

  it('reads a double charge through the amount between card and charge', () => {
    const { data } = analyzeChat({
      chat: { messages: [customer('Kartımdan 2 kez 459,90 TL çekildi, iade istiyorum.')] },
    });
    expect(data.intent.label).toBe('payment_problem');
  });
});

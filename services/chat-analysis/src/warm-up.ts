import type { AnalyzeRequest } from '@invekto/contracts';
import type { HttpApp } from '@invekto/platform/http';
import { analyzeChat } from './core/index.js';

const WARM_UP_CHAT: AnalyzeRequest = {
  chat: {
    messages: [
      {
        role: 'customer',
        text: 'Merhaba, TY-12345678 numaralı siparişim yarın gelir mi? 0532 123 45 67',
        at: '2025-03-11T09:00:00Z',
      },
      {
        role: 'agent',
        text: 'Kontrol ediyorum Ayşe Hanım, 1.250,50 TL iadeniz 3 gün içinde yatacak.',
        at: '2025-03-11T09:01:00Z',
      },
      {
        role: 'customer',
        text: 'Thanks, my order #778120 arrived broken, I want a refund of $20 by next Monday.',
        at: '2025-03-11T09:02:00Z',
      },
    ],
  },
};

/**
 * Sends a few analyses through the whole request path before the port opens, so lexicons, regexes
 * and serializers are compiled and the first real request fits the caller's 100 ms first-try budget.
 */
export async function warmUp(app: HttpApp, rounds = 50): Promise<void> {
  for (let round = 0; round < rounds; round += 1) analyzeChat(WARM_UP_CHAT);
  await app.inject({ method: 'POST', url: '/api/v1/chat-analysis/analyze', payload: WARM_UP_CHAT });
}

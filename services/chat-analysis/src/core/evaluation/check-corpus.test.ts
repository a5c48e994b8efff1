import { describe, expect, it } from 'vitest';
import { checkCorpus } from './check-corpus.js';
import type { LabelledChat, LabelledEntity } from './labelled-chat.js';
import { CorpusFormatError, parseChat } from './load-corpus.js';

const at = '2025-05-13T22:45:00Z';

function chat(entities: LabelledEntity[], text = 'IBAN: TR07 0006 7027 0843 0027 5845 28, 2 adet'): LabelledChat {
  return {
    id: 'tr-001',
    language: 'tr',
    chat: {
      messages: [
        { role: 'customer', text, at },
        { role: 'agent', text: 'Tamam.', at },
      ],
    },
    labels: { intent: 'refund_status', sentiment: 'neutral', entities },
  };
}

const small = { minChats: 1, minChatsPerIntent: 0 };
const iban: LabelledEntity = {
  type: 'iban',
  text: 'TR07 0006 7027 0843 0027 5845 28',
  normalized: 'TR070006702708430027584528',
  messageIndex: 0,
};

describe('checkCorpus', () => {
  it('accepts a sound chat', () => {
    const problems = checkCorpus([chat([iban])], small);
    expect(problems.filter((p) => p.startsWith('tr-001'))).toEqual([]);
  });

  it('reports a labelled IBAN whose checksum fails', () => {
    const bad = { ...iban, text: 'TR70 0006 7027 0843 0027 5845 28', normalized: 'TR700006702708430027584528' };
    const problems = checkCorpus([chat([bad], `IBAN: ${bad.text}`)], small);
    expect(problems).toContain('tr-001: labelled IBAN TR70 0006 7027 0843 0027 5845 28 fails its checksum');
  });

  it('reports a label whose text is not in its message', () => {
    const number: LabelledEntity = { type: 'number', text: '3 adet', normalized: 3, messageIndex: 0 };
    expect(checkCorpus([chat([number])], small)).toContain('tr-001: number "3 adet" not found in message 0');
  });

  it('reports a normalised value in the wrong form', () => {
    const date: LabelledEntity = { type: 'date', text: '2 adet', normalized: '13.05.2025', messageIndex: 0 };
    const problems = checkCorpus([chat([date])], small);
    expect(problems).toContain('tr-001: date "2 adet" normalized "13.05.2025" is malformed');
  });

  it('reports missing intents, entity types and a short corpus', () => {
    const problems = checkCorpus([chat([iban])]);
    expect(problems).toContain('corpus has 1 chats, fewer than 150');
    expect(problems).toContain('intent complaint has 0 chats, fewer than 8');
    expect(problems).toContain('no person entity is labelled');
  });
});

describe('parseChat', () => {
  it('names the chat and field of a malformed item', () => {
    const item = { id: 'tr-007', chat: { messages: [] }, labels: { intent: 'shipping', sentiment: 'neutral' } };
    expect(() => parseChat(item, 'dev-corpus-tr.json[6]')).toThrow(CorpusFormatError);
    expect(() => parseChat(item, 'dev-corpus-tr.json[6]')).toThrow(/tr-007: bad intent "shipping"/);
  });

  it('rejects an entity pointing past the last message', () => {
    const item = {
      id: 'en-001',
      chat: { messages: [{ role: 'customer', text: 'hi', at }] },
      labels: {
        intent: 'greeting_thanks',
        sentiment: 'neutral',
        entities: [{ type: 'person', text: 'hi', normalized: 'Hi', messageIndex: 1 }],
      },
    };
    expect(() => parseChat(item, 'x')).toThrow(/messageIndex past the last message/);
  });
});

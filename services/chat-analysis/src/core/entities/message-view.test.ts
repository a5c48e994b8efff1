import { describe, expect, it } from 'vitest';
import { preparedMessage } from './__fixtures__/prepared-message.js';
import { createMessageView } from './message-view.js';

describe('createMessageView', () => {
  it('folds without moving offsets, so matches in the folded text slice the original', () => {
    const text = 'İADE için ŞUBAT’ta IŞIK Ğ ü â — 😀 ẞ';
    const view = createMessageView(preparedMessage(text));
    expect(view.folded).toHaveLength(text.length);
    expect(view.folded.slice(0, 4)).toBe('iade');
    expect(text.slice(view.folded.indexOf('subat'), view.folded.indexOf('subat') + 5)).toBe('ŞUBAT');
  });

  it('keeps each token’s stem and cue, once', () => {
    const view = createMessageView(preparedMessage("Siparişimin numarası 123, Ahmet'in telefonu"));
    expect(view.stems).toEqual(['siparisimin', 'numarasi', '123', 'ahmet', 'telefonu']);
    expect(view.cues).toEqual(['order', 'filler', undefined, undefined, 'phone']);
  });

  it('notes whether the text has digits at all', () => {
    expect(createMessageView(preparedMessage('merhaba')).hasDigits).toBe(false);
    expect(createMessageView(preparedMessage('3 adet')).hasDigits).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { preparedMessage } from './__fixtures__/prepared-message.js';
import { cueAfter, cueBefore } from './identifier-cues.js';
import { createMessageView } from './message-view.js';

/** The cues on either side of the first "#" in the text, which stands for the digits. */
function cuesAround(template: string): [string | undefined, string | undefined] {
  const at = template.indexOf('#');
  const view = createMessageView(preparedMessage(template.replace('#', 'X')));
  return [cueBefore(view, at), cueAfter(view, at + 1)];
}

describe('identifier cues', () => {
  it('reads an identifier cue only right before the digits, past filler', () => {
    expect(cuesAround('sipariş no: #')).toEqual(['order', undefined]);
    expect(cuesAround('kargo takip numarası #')).toEqual(['tracking', undefined]);
    expect(cuesAround('siparişim gelmedi #')).toEqual([undefined, undefined]);
  });

  it('reads a phone cue anywhere in the clause before the digits', () => {
    expect(cuesAround("whatsapp'tan yazabilirsiniz #")).toEqual(['phone', undefined]);
    expect(cuesAround('telefon numaram şu #')).toEqual(['phone', undefined]);
    expect(cuesAround('numaram #')).toEqual(['own-number', undefined]);
  });

  it('stops at the end of a clause, but not at an abbreviation dot', () => {
    expect(cuesAround('tel bozuk. Sipariş #')).toEqual(['order', undefined]);
    expect(cuesAround('telefonum yok, #')).toEqual([undefined, undefined]);
    expect(cuesAround('Tel. #')).toEqual(['phone', undefined]);
  });

  it('reads the cue after the digits', () => {
    expect(cuesAround('# numaralı siparişim')).toEqual([undefined, 'order']);
    expect(cuesAround('# numaramdan arayın')).toEqual([undefined, 'phone']);
    expect(cuesAround('# nolu gönderi')).toEqual([undefined, 'tracking']);
  });
});

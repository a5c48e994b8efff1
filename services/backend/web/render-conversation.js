// The conversation with its entities highlighted, the legend and the entity table.

import { ENTITY_TYPES, LANGUAGE_NAMES, ROLE_NAMES, SENTIMENT_LABELS } from './vocabulary.js';
import { card, el, humanize, isObject, knownOr, percent, signed } from './dom.js';

export function entityTypeClass(type) {
  return `ent--${knownOr(type, ENTITY_TYPES, 'other')}`;
}

export function formatNormalized(value, language) {
  if (isObject(value) && typeof value.amount === 'number' && typeof value.currency === 'string') {
    try {
      const locale = language === 'tr' ? 'tr-TR' : 'en-US';
      return new Intl.NumberFormat(locale, {
        style: 'currency',
        currency: value.currency,
        currencyDisplay: 'code',
      }).format(value.amount);
    } catch {
      return `${value.amount} ${value.currency}`;
    }
  }
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return JSON.stringify(value) ?? '';
}

function entityMark(entity, shownText, language) {
  const type = String(entity.type);
  return el('mark', {
    className: `ent ${entityTypeClass(type)}`,
    text: shownText,
    attrs: {
      'data-testid': 'entity-mark',
      'data-entity-type': type,
      title: `${humanize(type)}: ${formatNormalized(entity.normalized, language)}`,
    },
  });
}

/** The original text with a mark per entity, placed by the entity's UTF-16 offsets. */
function highlightedText(text, entities, language) {
  const fragment = document.createDocumentFragment();
  const placeable = entities
    .filter(
      (e) =>
        Number.isInteger(e.start) && Number.isInteger(e.end) && e.start >= 0 && e.start < e.end && e.end <= text.length,
    )
    .sort((a, b) => a.start - b.start || b.end - a.end);
  let cursor = 0;
  for (const entity of placeable) {
    // An entity inside one already marked stays in the table only; nested marks would be unreadable.
    if (entity.start < cursor) continue;
    if (entity.start > cursor) fragment.append(text.slice(cursor, entity.start));
    fragment.append(entityMark(entity, text.slice(entity.start, entity.end), language));
    cursor = entity.end;
  }
  if (cursor < text.length) fragment.append(text.slice(cursor));
  return fragment;
}

function formatTime(at, language) {
  if (typeof at !== 'string') return undefined;
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return undefined;
  return new Intl.DateTimeFormat(language === 'tr' ? 'tr-TR' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(date);
}

export function conversationCard(data, request, entities, messageSentiments) {
  const sent = request.chat.messages;
  const analysed = Array.isArray(data.messages) ? data.messages.filter(isObject) : [];
  const rows = analysed.length > 0 ? analysed : sent.map((message, index) => ({ index, role: message.role }));
  const sentimentByIndex = new Map(messageSentiments.filter(isObject).map((s) => [s.messageIndex, s]));

  const bubbles = rows.map((row) => {
    const original = sent[row.index];
    const role = knownOr(row.role ?? original?.role, Object.keys(ROLE_NAMES), 'other');
    // Offsets point into the text as sent; without it the normalised text is shown unmarked.
    const text = original?.text ?? row.normalizedText ?? '';
    const ownEntities = original ? entities.filter((e) => e.messageIndex === row.index) : [];
    const mood = role === 'customer' ? sentimentByIndex.get(row.index) : undefined;
    const moodLabel = mood && knownOr(mood.label, SENTIMENT_LABELS, 'neutral');
    const time = formatTime(original?.at, data.language);

    return el(
      'li',
      { className: `bubble bubble--${role}`, attrs: { 'data-role': role } },
      el(
        'div',
        { className: 'bubble__head' },
        el('span', { className: 'bubble__role', text: ROLE_NAMES[role] ?? 'Unknown' }),
        time && el('time', { className: 'bubble__time', text: time, attrs: { datetime: original.at } }),
        typeof row.language === 'string' &&
          row.language !== data.language &&
          el('span', { className: 'bubble__lang', text: row.language, attrs: { title: LANGUAGE_NAMES[row.language] } }),
        mood &&
          el('span', {
            className: `badge sentiment--${moodLabel}`,
            text: `${humanize(moodLabel)} ${signed(mood.score)}`,
            attrs: {
              'data-testid': 'message-sentiment',
              title: `Sentiment ${moodLabel}, score ${signed(mood.score)}, ${percent(mood.confidence)} confidence`,
            },
          }),
      ),
      el('p', { className: 'bubble__text' }, highlightedText(text, ownEntities, data.language)),
    );
  });

  return card(
    'Conversation',
    'conversation-card',
    legend(entities),
    el('ol', { className: 'conversation', attrs: { 'aria-label': 'Messages' } }, ...bubbles),
  );
}

export function legend(entities) {
  const counts = new Map();
  for (const entity of entities) counts.set(String(entity.type), (counts.get(String(entity.type)) ?? 0) + 1);
  if (counts.size === 0) return el('p', { className: 'legend legend--empty', text: 'No entities found in this chat.' });
  const ordered = [...counts.keys()].sort((a, b) => {
    const rank = (type) => (ENTITY_TYPES.includes(type) ? ENTITY_TYPES.indexOf(type) : ENTITY_TYPES.length);
    return rank(a) - rank(b) || a.localeCompare(b);
  });
  return el(
    'ul',
    { className: 'legend', attrs: { 'aria-label': 'Entity types' } },
    ...ordered.map((type) =>
      el(
        'li',
        { className: 'legend__item' },
        el('span', { className: `legend__swatch ${entityTypeClass(type)}`, attrs: { 'aria-hidden': 'true' } }),
        humanize(type),
        el('span', { className: 'legend__count', text: counts.get(type) }),
      ),
    ),
  );
}

export function entityCard(entities, language) {
  const rows = entities.map((entity) =>
    el(
      'tr',
      {},
      el(
        'td',
        {},
        el('span', {
          className: `legend__swatch ${entityTypeClass(String(entity.type))}`,
          attrs: { 'aria-hidden': 'true' },
        }),
        humanize(String(entity.type)),
      ),
      el('td', { className: 'cell-text', text: entity.text }),
      el('td', { className: 'cell-mono', text: formatNormalized(entity.normalized, language) }),
      el('td', { className: 'cell-num', text: Number.isInteger(entity.messageIndex) ? entity.messageIndex + 1 : '' }),
      el('td', { className: 'cell-num', text: percent(entity.confidence) }),
    ),
  );
  if (rows.length === 0)
    rows.push(el('tr', {}, el('td', { className: 'cell-empty', text: 'No entities found.', attrs: { colspan: 5 } })));

  const head = el(
    'thead',
    {},
    el(
      'tr',
      {},
      ...['Type', 'Text', 'Normalised', 'Message', 'Confidence'].map((name, i) =>
        el('th', { className: i >= 3 ? 'cell-num' : '', text: name, attrs: { scope: 'col' } }),
      ),
    ),
  );
  return card(
    'Entities',
    'entity-card',
    el(
      'div',
      { className: 'table-wrap' },
      el(
        'table',
        { className: 'entity-table', attrs: { 'data-testid': 'entity-table' } },
        head,
        el('tbody', {}, ...rows),
      ),
    ),
  );
}

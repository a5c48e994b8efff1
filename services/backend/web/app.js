// The demo page: reads a chat from the editor, asks the backend to analyse it and renders the answer.
// Chats and analysis results are hostile input, so every string reaches the DOM through textContent or
// setAttribute, never through innerHTML, and nothing user-provided ever becomes a link or a style.

const SAMPLES_URL = '/api/v1/samples';
const ANALYZE_URL = '/api/v1/chats/analyze';
// The backend answers with a degraded envelope long before this; the page only guards against a hung socket.
const REQUEST_TIMEOUT_MS = 60_000;

const ROLE_ALIASES = new Map([
  ['customer', 'customer'],
  ['müşteri', 'customer'],
  ['musteri', 'customer'],
  ['agent', 'agent'],
  ['temsilci', 'agent'],
  ['bot', 'bot'],
]);
const ROLE_NAMES = { customer: 'Customer', agent: 'Agent', bot: 'Bot' };
const LANGUAGE_NAMES = { tr: 'Turkish', en: 'English' };
const ENTITY_TYPES = [
  'person',
  'date',
  'number',
  'money',
  'phone',
  'email',
  'order_number',
  'tracking_number',
  'iban',
  'url',
];
const SENTIMENT_LABELS = ['negative', 'neutral', 'positive'];

const elements = {
  sampleSelect: document.querySelector('#sample-select'),
  chatInput: document.querySelector('#chat-input'),
  analyzeButton: document.querySelector('#analyze-button'),
  parseError: document.querySelector('#parse-error'),
  result: document.querySelector('#result'),
};

/** @type {Map<string, string>} sample id -> the editor text it produced */
const sampleTexts = new Map();
let busy = false;

class ChatParseError extends Error {}

// ---------------------------------------------------------------------------------------------------------
// DOM helpers

function el(tag, { className, text, attrs } = {}, ...children) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (attrs) {
    for (const [name, value] of Object.entries(attrs)) {
      if (value !== undefined && value !== null) node.setAttribute(name, String(value));
    }
  }
  for (const child of children) {
    if (child !== undefined && child !== null && child !== false) node.append(child);
  }
  return node;
}

const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
const finite = (value, fallback = 0) => (typeof value === 'number' && Number.isFinite(value) ? value : fallback);
const clamp = (value, min, max) => Math.min(max, Math.max(min, value));
const percent = (fraction) => `${Math.round(clamp(finite(fraction), 0, 1) * 100)}%`;
const signed = (score) => {
  const value = clamp(finite(score), -1, 1);
  return `${value > 0 ? '+' : value < 0 ? '−' : ''}${Math.abs(value).toFixed(2)}`;
};
const humanize = (label) => {
  const words = String(label).replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};
const knownOr = (value, known, fallback) => (known.includes(value) ? value : fallback);

// ---------------------------------------------------------------------------------------------------------
// Parsing the editor

/** Turns the editor text into an analyse request, or throws a ChatParseError that says what is wrong. */
function parseChat(source) {
  const text = source.trim();
  if (text === '') throw new ChatParseError('The chat is empty: choose a sample or paste a chat first.');
  if (text.startsWith('{') || text.startsWith('[')) return parseJsonChat(text);
  return parseLineChat(text);
}

function parseJsonChat(text) {
  let value;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ChatParseError(`The chat looks like JSON but cannot be read: ${error.message}`);
  }

  const request = { chat: { messages: [] } };
  let rawMessages;
  if (Array.isArray(value)) {
    rawMessages = value;
  } else if (isObject(value) && isObject(value.chat) && Array.isArray(value.chat.messages)) {
    rawMessages = value.chat.messages;
    if (typeof value.chat.id === 'string') request.chat.id = value.chat.id;
    if (typeof value.referenceTime === 'string') request.referenceTime = value.referenceTime;
    if (typeof value.locale === 'string') request.locale = value.locale;
  } else if (isObject(value) && Array.isArray(value.messages)) {
    rawMessages = value.messages;
  } else {
    throw new ChatParseError(
      'JSON must be an analyse request { "chat": { "messages": [...] } }, an object with "messages", or an array of messages.',
    );
  }
  if (rawMessages.length === 0) throw new ChatParseError('The chat has no messages.');

  request.chat.messages = rawMessages.map((raw, i) => {
    const where = `Message ${i + 1}`;
    if (!isObject(raw)) throw new ChatParseError(`${where} is not an object with "role" and "text".`);
    const role = typeof raw.role === 'string' ? roleFromPrefix(raw.role) : undefined;
    if (role === undefined) throw new ChatParseError(`${where}: "role" must be customer, agent or bot.`);
    if (typeof raw.text !== 'string') throw new ChatParseError(`${where}: "text" must be a string.`);
    const message = { role, text: raw.text };
    if (typeof raw.id === 'string') message.id = raw.id;
    if (typeof raw.at === 'string') message.at = raw.at;
    return message;
  });
  return request;
}

function roleFromPrefix(prefix) {
  const word = prefix.trim().normalize('NFC');
  // Both foldings: plain lower-casing keeps "TEMSILCI" intact, Turkish lower-casing handles "MÜŞTERİ".
  return ROLE_ALIASES.get(word.toLowerCase()) ?? ROLE_ALIASES.get(word.toLocaleLowerCase('tr'));
}

function parseLineChat(text) {
  const messages = [];
  const startLines = [];
  const lines = text.split(/\r\n|\r|\n/);
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const match = /^\s*([\p{L}]+)\s*:(.*)$/u.exec(line);
    const role = match ? roleFromPrefix(match[1]) : undefined;
    if (role !== undefined) {
      messages.push({ role, text: match[2].trim() });
      startLines.push(i + 1);
      return;
    }
    const previous = messages.at(-1);
    if (previous === undefined) {
      throw new ChatParseError(
        `Line ${i + 1} does not start with "customer:", "agent:" or "bot:", and the chat is not JSON either.`,
      );
    }
    previous.text = previous.text === '' ? line.trim() : `${previous.text}\n${line.trim()}`;
  });
  const empty = messages.findIndex((message) => message.text === '');
  if (empty !== -1) throw new ChatParseError(`Line ${startLines[empty]}: the message has no text.`);
  // Pasted lines carry no timestamps; "yarın" and "tomorrow" resolve against the moment of analysis.
  return { chat: { messages }, referenceTime: new Date().toISOString() };
}

function showParseError(message) {
  elements.parseError.textContent = message;
  elements.parseError.hidden = false;
  elements.chatInput.setAttribute('aria-invalid', 'true');
}

function clearParseError() {
  elements.parseError.hidden = true;
  elements.parseError.textContent = '';
  elements.chatInput.removeAttribute('aria-invalid');
}

// ---------------------------------------------------------------------------------------------------------
// Talking to the backend

async function getJson(url, init) {
  const controller = new window.AbortController();
  const timer = window.setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
  try {
    let response;
    try {
      response = await fetch(url, {
        ...init,
        signal: controller.signal,
        headers: { accept: 'application/json', ...init?.headers },
      });
    } catch (error) {
      const reason = error?.name === 'AbortError' ? 'the request timed out' : error?.message || 'network error';
      return { kind: 'network', message: `The backend could not be reached (${reason}).` };
    }
    let body;
    try {
      body = await response.json();
    } catch {
      return { kind: 'network', message: `The backend answered HTTP ${response.status} without a JSON body.` };
    }
    if (!isObject(body) || typeof body.success !== 'boolean' || !isObject(body.meta)) {
      return { kind: 'network', message: `The backend answered HTTP ${response.status} with an unexpected body.` };
    }
    return { kind: 'envelope', status: response.status, envelope: body };
  } finally {
    window.clearTimeout(timer);
  }
}

async function loadSamples() {
  const select = elements.sampleSelect;
  const outcome = await getJson(SAMPLES_URL);
  select.replaceChildren();
  if (outcome.kind !== 'envelope' || !outcome.envelope.success || !Array.isArray(outcome.envelope.data)) {
    select.append(el('option', { text: 'Samples are unavailable', attrs: { value: '' } }));
    return;
  }
  select.append(el('option', { text: 'Choose a sample chat…', attrs: { value: '' } }));
  for (const sample of outcome.envelope.data) {
    if (!isObject(sample) || typeof sample.id !== 'string' || !isObject(sample.request)) continue;
    sampleTexts.set(sample.id, JSON.stringify(sample.request, null, 2));
    select.append(el('option', { text: sample.title ?? sample.id, attrs: { value: sample.id } }));
  }
  select.disabled = sampleTexts.size === 0;
  const first = sampleTexts.keys().next();
  if (!first.done && elements.chatInput.value.trim() === '') {
    select.value = first.value;
    elements.chatInput.value = sampleTexts.get(first.value);
  }
}

function onSampleChosen() {
  const text = sampleTexts.get(elements.sampleSelect.value);
  if (text === undefined) return;
  elements.chatInput.value = text;
  clearParseError();
}

function onChatEdited() {
  clearParseError();
  const chosen = sampleTexts.get(elements.sampleSelect.value);
  if (chosen !== undefined && chosen !== elements.chatInput.value) elements.sampleSelect.value = '';
}

async function analyse() {
  if (busy) return;
  clearParseError();
  let request;
  try {
    request = parseChat(elements.chatInput.value);
  } catch (error) {
    if (!(error instanceof ChatParseError)) throw error;
    showParseError(error.message);
    return;
  }

  setBusy(true);
  try {
    const outcome = await getJson(ANALYZE_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
    });
    renderOutcome(outcome, request);
  } finally {
    setBusy(false);
  }
}

function setBusy(value) {
  busy = value;
  elements.analyzeButton.disabled = value;
  elements.analyzeButton.classList.toggle('is-busy', value);
  elements.analyzeButton.querySelector('.button__label').textContent = value ? 'Analysing…' : 'Analyse';
  elements.result.setAttribute('aria-busy', String(value));
  if (value) {
    elements.result.replaceChildren(
      el(
        'div',
        { className: 'card loading-state' },
        el('span', { className: 'spinner', attrs: { 'aria-hidden': 'true' } }),
        'Analysing the chat…',
      ),
    );
  }
}

// ---------------------------------------------------------------------------------------------------------
// Rendering the answer

function renderOutcome(outcome, request) {
  const parts = [];
  if (outcome.kind === 'network') {
    parts.push(errorPanel({ title: 'The backend is unreachable', code: 'NETWORK', message: outcome.message }));
  } else {
    const { envelope } = outcome;
    const error = isObject(envelope.error) ? envelope.error : null;
    if (envelope.meta.isDegraded === true) {
      parts.push(degradedBanner(envelope.meta, error));
    } else if (!envelope.success) {
      parts.push(
        errorPanel({
          title: 'The chat could not be analysed',
          code: error?.code ?? `HTTP ${outcome.status}`,
          message: error?.message ?? 'The backend reported a failure without details.',
          category: error?.category,
          traceId: error?.traceId,
          details: error?.details,
        }),
      );
    }
    if (envelope.success && isObject(envelope.data)) parts.push(...analysisCards(envelope.data, request));
    parts.push(metaLine(envelope.meta));
  }
  elements.result.replaceChildren(...parts);
}

function degradedBanner(meta, error) {
  return el(
    'div',
    { className: 'banner banner--degraded', attrs: { 'data-testid': 'degraded-banner', role: 'status' } },
    el('span', { className: 'banner__icon', text: '!', attrs: { 'aria-hidden': 'true' } }),
    el(
      'div',
      { className: 'banner__body' },
      el('p', { className: 'banner__title', text: 'Analysis is temporarily unavailable — degraded response' }),
      typeof meta.degradedReason === 'string' && el('p', { className: 'banner__text', text: meta.degradedReason }),
      error &&
        el(
          'p',
          { className: 'banner__text' },
          el('code', { className: 'code-chip', text: error.code }),
          ' ',
          typeof error.message === 'string' ? error.message : '',
        ),
      el('p', { className: 'banner__hint', text: 'The chat itself is fine; try again in a little while.' }),
    ),
  );
}

function errorPanel({ title, code, message, category, traceId, details }) {
  return el(
    'div',
    { className: 'banner banner--error', attrs: { 'data-testid': 'error-panel', role: 'alert' } },
    el('span', { className: 'banner__icon', text: '×', attrs: { 'aria-hidden': 'true' } }),
    el(
      'div',
      { className: 'banner__body' },
      el('p', { className: 'banner__title', text: title }),
      el('p', { className: 'banner__text' }, el('code', { className: 'code-chip', text: code }), ' ', String(message)),
      (category || traceId) &&
        el('p', {
          className: 'banner__hint',
          text: [category && `Category ${category}`, traceId && `trace ${traceId}`].filter(Boolean).join(' · '),
        }),
      details !== undefined &&
        el(
          'details',
          { className: 'banner__details' },
          el('summary', { text: 'Details' }),
          el('pre', { text: JSON.stringify(details, null, 2) }),
        ),
    ),
  );
}

function analysisCards(data, request) {
  const entities = Array.isArray(data.entities) ? data.entities.filter(isObject) : [];
  const sentiment = isObject(data.sentiment) ? data.sentiment : {};
  return [
    overviewCard(data, entities.length),
    summaryCard(isObject(data.summary) ? data.summary : {}),
    conversationCard(data, request, entities, Array.isArray(sentiment.messages) ? sentiment.messages : []),
    entityCard(entities, data.language),
  ];
}

function card(title, className, ...children) {
  return el(
    'article',
    { className: `card ${className}` },
    el('h2', { className: 'card__title', text: title }),
    ...children,
  );
}

function meterBar({ label, value, min = 0, max = 1, valueText, className = '' }) {
  const bar = el('div', {
    className: `meter ${className}`,
    attrs: {
      role: 'meter',
      'aria-label': label,
      'aria-valuemin': min,
      'aria-valuemax': max,
      'aria-valuenow': value,
      'aria-valuetext': valueText,
    },
  });
  const fill = el('div', { className: 'meter__fill' });
  // CSSOM writes are allowed under the page's style-src 'self' policy; style attributes are not.
  fill.style.width = `${((clamp(value, min, max) - min) / (max - min)) * 100}%`;
  bar.append(fill);
  return bar;
}

function overviewCard(data, entityCount) {
  const intent = isObject(data.intent) ? data.intent : {};
  const overall = isObject(data.sentiment) && isObject(data.sentiment.overall) ? data.sentiment.overall : {};
  const sentimentLabel = knownOr(overall.label, SENTIMENT_LABELS, 'neutral');
  const score = clamp(finite(overall.score), -1, 1);
  const alternatives = Array.isArray(intent.alternatives) ? intent.alternatives.filter(isObject) : [];
  const messageCount = Array.isArray(data.messages) ? data.messages.length : 0;

  const scale = el('div', {
    className: 'scale',
    attrs: {
      role: 'meter',
      'aria-label': 'Sentiment score from −1 (negative) to +1 (positive)',
      'aria-valuemin': -1,
      'aria-valuemax': 1,
      'aria-valuenow': score,
      'aria-valuetext': signed(score),
    },
  });
  const marker = el('span', { className: `scale__marker sentiment--${sentimentLabel}` });
  marker.style.left = `${((score + 1) / 2) * 100}%`;
  scale.append(el('span', { className: 'scale__zero', attrs: { 'aria-hidden': 'true' } }), marker);

  return el(
    'div',
    { className: 'overview' },
    el(
      'article',
      { className: 'card tile tile--intent' },
      el('h2', { className: 'tile__title', text: 'Intent' }),
      el('p', {
        className: 'tile__value',
        text: humanize(intent.label ?? 'unknown'),
        attrs: { 'data-testid': 'intent-label', 'data-label': intent.label },
      }),
      meterBar({ label: 'Intent confidence', value: finite(intent.confidence), valueText: percent(intent.confidence) }),
      el('p', { className: 'tile__caption', text: `${percent(intent.confidence)} confidence` }),
      alternatives.length > 0 &&
        el(
          'ul',
          { className: 'alternatives', attrs: { 'aria-label': 'Other likely intents' } },
          ...alternatives.map((alternative) =>
            el(
              'li',
              { className: 'alternatives__item' },
              el('span', { className: 'alternatives__label', text: humanize(alternative.label) }),
              meterBar({
                label: `${humanize(alternative.label)} confidence`,
                value: finite(alternative.confidence),
                valueText: percent(alternative.confidence),
                className: 'meter--small',
              }),
              el('span', { className: 'alternatives__value', text: percent(alternative.confidence) }),
            ),
          ),
        ),
    ),
    el(
      'article',
      { className: 'card tile tile--sentiment' },
      el('h2', { className: 'tile__title', text: 'Sentiment' }),
      el('p', {
        className: `tile__value sentiment-text--${sentimentLabel}`,
        text: humanize(sentimentLabel),
        attrs: { 'data-testid': 'sentiment-label', 'data-label': overall.label },
      }),
      scale,
      el(
        'div',
        { className: 'scale__ends', attrs: { 'aria-hidden': 'true' } },
        el('span', { text: '−1' }),
        el('span', { text: '0' }),
        el('span', { text: '+1' }),
      ),
      el('p', {
        className: 'tile__caption',
        text: `Score ${signed(score)} · ${percent(overall.confidence)} confidence`,
      }),
    ),
    el(
      'article',
      { className: 'card tile tile--language' },
      el('h2', { className: 'tile__title', text: 'Language' }),
      el('p', {
        className: 'tile__value',
        text: LANGUAGE_NAMES[data.language] ?? String(data.language ?? 'unknown'),
        attrs: { 'data-testid': 'language', 'data-label': data.language },
      }),
      el('p', {
        className: 'tile__caption',
        text: `${messageCount} ${messageCount === 1 ? 'message' : 'messages'} · ${entityCount} ${entityCount === 1 ? 'entity' : 'entities'}`,
      }),
    ),
  );
}

function summaryCard(summary) {
  const keyPoints = Array.isArray(summary.keyPoints) ? summary.keyPoints : [];
  return card(
    'Summary',
    'summary-card',
    el('p', { className: 'summary__text', text: summary.text ?? '', attrs: { 'data-testid': 'summary-text' } }),
    keyPoints.length > 0 &&
      el(
        'ul',
        { className: 'summary__points', attrs: { 'aria-label': 'Key points' } },
        ...keyPoints.map((point) => el('li', { text: point })),
      ),
  );
}

function entityTypeClass(type) {
  return `ent--${knownOr(type, ENTITY_TYPES, 'other')}`;
}

function formatNormalized(value, language) {
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

function conversationCard(data, request, entities, messageSentiments) {
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

function legend(entities) {
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

function entityCard(entities, language) {
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

function metaLine(meta) {
  const processing = isObject(meta.processing) ? meta.processing : {};
  const items = [
    ['Request', meta.requestId],
    ['Trace', meta.traceId],
    ['Time', typeof meta.processingTimeMs === 'number' ? `${meta.processingTimeMs.toFixed(1)} ms` : undefined],
    ['Analyser', processing.analyzerVersion],
    ['Service', meta.serviceVersion],
  ].filter(([, value]) => value !== undefined && value !== null && value !== '');
  return el(
    'dl',
    { className: 'meta', attrs: { 'data-testid': 'meta' } },
    ...items.map(([name, value]) =>
      el('div', { className: 'meta__item' }, el('dt', { text: name }), el('dd', { text: value })),
    ),
  );
}

// ---------------------------------------------------------------------------------------------------------
// Wiring

elements.sampleSelect.addEventListener('change', onSampleChosen);
elements.chatInput.addEventListener('input', onChatEdited);
elements.analyzeButton.addEventListener('click', () => void analyse());
elements.chatInput.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    void analyse();
  }
});
void loadSamples();

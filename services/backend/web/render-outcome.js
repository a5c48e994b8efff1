// Turns the backend's answer into the result region: banners, error panels and analysis cards.

import { card, clamp, el, finite, humanize, isObject, knownOr, percent, signed } from './dom.js';
import { conversationCard, entityCard } from './render-conversation.js';
import { LANGUAGE_NAMES, SENTIMENT_LABELS } from './vocabulary.js';

export function renderOutcome(outcome, request) {
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
  return parts;
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

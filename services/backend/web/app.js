// The demo page: reads a chat from the editor, asks the backend to analyse it and renders the answer.
// Chats and analysis results are hostile input, so every string reaches the DOM through textContent or
// setAttribute, never through innerHTML, and nothing user-provided ever becomes a link or a style.

import { el, isObject } from './dom.js';
import { ChatParseError, parseChat } from './parse-chat.js';
import { renderOutcome } from './render-outcome.js';

const SAMPLES_URL = '/api/v1/samples';
const ANALYZE_URL = '/api/v1/chats/analyze';
// The backend answers with a degraded envelope long before this; the page only guards against a hung socket.
const REQUEST_TIMEOUT_MS = 60_000;

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
    elements.result.replaceChildren(...renderOutcome(outcome, request));
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

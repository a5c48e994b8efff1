// The demo page: reads a chat from the editor, asks the backend to analyse it and renders the answer,
// right away (sync) or as a queued job followed in the jobs panel (async).
// Chats and analysis results are hostile input, so every string reaches the DOM through textContent or
// setAttribute, never through innerHTML, and nothing user-provided ever becomes a link or a style.

import { el, isObject } from './dom.js';
import { createJobsPanel } from './jobs-panel.js';
import { ChatParseError, parseChat } from './parse-chat.js';
import { renderOutcome } from './render-outcome.js';

const SAMPLES_URL = '/api/v1/samples';
const ANALYZE_URL = '/api/v1/chats/analyze';
const ANALYZE_ASYNC_URL = '/api/v1/chats/analyze/async';
const JOB_URL = (jobId) => `/api/v1/jobs/${encodeURIComponent(jobId)}`;
// A job listed from an earlier visit has no request here: its messages then show their normalised text.
const UNKNOWN_REQUEST = { chat: { messages: [] } };
// The backend answers with a degraded envelope long before this; the page only guards against a hung socket.
const REQUEST_TIMEOUT_MS = 60_000;

const elements = {
  sampleSelect: document.querySelector('#sample-select'),
  chatInput: document.querySelector('#chat-input'),
  analyzeButton: document.querySelector('#analyze-button'),
  analyzeAsyncButton: document.querySelector('#analyze-async-button'),
  parseError: document.querySelector('#parse-error'),
  result: document.querySelector('#result'),
  jobsList: document.querySelector('#jobs-list'),
  jobsEmpty: document.querySelector('#jobs-empty'),
  jobsNotice: document.querySelector('#jobs-notice'),
};

/** @type {Map<string, string>} sample id -> the editor text it produced */
const sampleTexts = new Map();
/** @type {Map<string, object>} job id -> the request it analyses, for the jobs queued from this page */
const jobRequests = new Map();
let busy = false;
let submitting = false;

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

/** The editor's chat as an analyse request, or undefined after showing why it cannot be read. */
function readRequest() {
  clearParseError();
  try {
    return parseChat(elements.chatInput.value);
  } catch (error) {
    if (!(error instanceof ChatParseError)) throw error;
    showParseError(error.message);
    return undefined;
  }
}

async function analyse() {
  if (busy) return;
  const request = readRequest();
  if (request === undefined) return;

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

async function analyseAsync() {
  if (submitting) return;
  const request = readRequest();
  if (request === undefined) return;

  setSubmitting(true);
  try {
    const outcome = await getJson(ANALYZE_ASYNC_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
    });
    const jobId = outcome.kind === 'envelope' && outcome.envelope.success ? outcome.envelope.data?.jobId : undefined;
    if (typeof jobId === 'string') {
      jobRequests.set(jobId, request);
      jobsPanel.track(jobId);
    } else {
      elements.result.replaceChildren(...renderOutcome(outcome, request));
    }
  } finally {
    setSubmitting(false);
  }
}

/** Shows a finished job in the result region: its analysis, or why it failed. */
async function openJob(jobId) {
  const request = jobRequests.get(jobId) ?? UNKNOWN_REQUEST;
  const outcome = await getJson(JOB_URL(jobId));
  let shown = outcome;
  if (outcome.kind === 'envelope' && outcome.envelope.success && isObject(outcome.envelope.data)) {
    const view = outcome.envelope.data;
    shown = {
      ...outcome,
      envelope: isObject(view.result)
        ? { ...outcome.envelope, data: view.result }
        : { ...outcome.envelope, success: false, data: null, error: view.error ?? null },
    };
  }
  elements.result.replaceChildren(
    el('p', {
      className: 'job-result-note',
      text: `Async job ${jobId}`,
      attrs: { 'data-testid': 'job-result-note' },
    }),
    ...renderOutcome(shown, request),
  );
  elements.result.focus();
}

function setSubmitting(value) {
  submitting = value;
  elements.analyzeAsyncButton.disabled = value;
  elements.analyzeAsyncButton.classList.toggle('is-busy', value);
  elements.analyzeAsyncButton.querySelector('.button__label').textContent = value ? 'Queuing…' : 'Analyse async';
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
elements.analyzeAsyncButton.addEventListener('click', () => void analyseAsync());
elements.chatInput.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    void analyse();
  }
});
const jobsPanel = createJobsPanel({
  list: elements.jobsList,
  empty: elements.jobsEmpty,
  notice: elements.jobsNotice,
  getJson,
  onOpen: (jobId) => void openJob(jobId),
});

void loadSamples();
void jobsPanel.refresh();

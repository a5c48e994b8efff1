// The async jobs panel: the tenant's recent jobs, refreshed every second while any of them is still
// running, each finished one a button that opens its result. Everything reaches the DOM through el().

import { el, isObject } from './dom.js';

const JOBS_URL = '/api/v1/jobs?limit=20';
const POLL_INTERVAL_MS = 1_000;
const TERMINAL = new Set(['done', 'failed', 'dead-lettered']);
const STATUS_LABELS = {
  accepted: 'Accepted',
  queued: 'Queued',
  processing: 'Processing',
  retrying: 'Retrying',
  done: 'Done',
  failed: 'Failed',
  'dead-lettered': 'Dead-lettered',
};

const timeFormat = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });

function formatTime(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : timeFormat.format(date);
}

function isJob(value) {
  return isObject(value) && typeof value.jobId === 'string' && typeof value.status === 'string';
}

export const isTerminal = (status) => TERMINAL.has(status);

/**
 * @param {{ list: HTMLElement, empty: HTMLElement, notice: HTMLElement,
 *           getJson: (url: string) => Promise<object>, onOpen: (jobId: string) => void }} parts
 */
export function createJobsPanel({ list, empty, notice, getJson, onOpen }) {
  let jobs = [];
  let selected;
  let tracked;
  let timer;
  let refreshing = false;

  function showNotice(text) {
    notice.textContent = text;
    notice.hidden = text === '';
  }

  function schedule() {
    window.clearTimeout(timer);
    timer = undefined;
    if (jobs.some((job) => !isTerminal(job.status))) timer = window.setTimeout(() => void refresh(), POLL_INTERVAL_MS);
  }

  function row(job) {
    const label = STATUS_LABELS[job.status] ?? job.status;
    const status = STATUS_LABELS[job.status] === undefined ? 'unknown' : job.status;
    const openable = isTerminal(job.status);
    const button = el(
      'button',
      {
        className: 'job__open',
        attrs: {
          type: 'button',
          'data-testid': 'job-open',
          'aria-pressed': String(job.jobId === selected),
          title: openable ? 'Show this job in the result panel' : 'Still running',
        },
      },
      el('span', { className: 'job__id', text: `…${job.jobId.slice(-8)}`, attrs: { title: job.jobId } }),
      el('span', {
        className: `job__status job__status--${status}`,
        text: label,
        attrs: { 'data-testid': 'job-status' },
      }),
      el('span', { className: 'job__time', text: formatTime(job.createdAt) }),
      job.attempts > 1 && el('span', { className: 'job__attempts', text: `${job.attempts} tries` }),
    );
    button.disabled = !openable;
    button.addEventListener('click', () => {
      selected = job.jobId;
      render();
      onOpen(job.jobId);
    });
    return el(
      'li',
      {
        className: `job${job.jobId === selected ? ' is-selected' : ''}`,
        attrs: { 'data-testid': 'job-row', 'data-job-id': job.jobId, 'data-status': job.status },
      },
      button,
    );
  }

  function render() {
    list.replaceChildren(...jobs.map(row));
    empty.hidden = jobs.length > 0;
  }

  /** Reloads the list; keeps polling while any job is not finished. */
  async function refresh() {
    if (refreshing) return;
    refreshing = true;
    try {
      const outcome = await getJson(JOBS_URL);
      if (outcome.kind === 'envelope' && outcome.envelope.success && Array.isArray(outcome.envelope.data)) {
        jobs = outcome.envelope.data.filter(isJob);
        render();
        if (notice.dataset.kind === 'error') showNotice('');
        announceEnd();
      } else {
        const message = outcome.kind === 'network' ? outcome.message : outcome.envelope.error?.message;
        notice.dataset.kind = 'error';
        showNotice(`The job list could not be loaded: ${message ?? 'unknown error'}`);
      }
    } finally {
      refreshing = false;
      schedule();
    }
  }

  function announceEnd() {
    const job = jobs.find((candidate) => candidate.jobId === tracked);
    if (job === undefined || !isTerminal(job.status)) return;
    tracked = undefined;
    notice.dataset.kind = 'info';
    const label = (STATUS_LABELS[job.status] ?? job.status).toLowerCase();
    showNotice(
      `Job …${job.jobId.slice(-8)} ${label}: click it to see ${job.status === 'done' ? 'the result' : 'why'}.`,
    );
  }

  /** A job was just queued: say so, and follow it until it ends. */
  function track(jobId) {
    tracked = jobId;
    notice.dataset.kind = 'info';
    showNotice(`Job …${jobId.slice(-8)} queued; its status updates below.`);
    if (!jobs.some((job) => job.jobId === jobId)) {
      jobs = [{ jobId, status: 'accepted', createdAt: new Date().toISOString(), attempts: 0 }, ...jobs];
      render();
    }
    void refresh();
  }

  return { refresh, track };
}

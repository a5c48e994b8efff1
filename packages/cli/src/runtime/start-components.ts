import type { ComponentContext, ComponentName, RunningComponent } from './component.js';
import { startBackendComponent } from './components/backend.js';
import { startChatAnalysisApi } from './components/chat-analysis-api.js';
import { startChatAnalysisConsumerComponent } from './components/chat-analysis-consumer.js';
import { startDispatcher } from './components/dispatcher.js';

/**
 * Starts `names` in dependency order: dispatcher and consumer first (they drain what the APIs accept),
 * then the chat-analysis API, then the backend. Resolves with them in the order they must stop: the
 * reverse, so no new work reaches a component that is draining. A failed start closes what started.
 */
export async function startComponents(
  context: ComponentContext,
  names: readonly ComponentName[],
): Promise<RunningComponent[]> {
  const started: RunningComponent[] = [];
  const wanted = new Set(names);
  try {
    let notifyDispatcher: (() => void) | undefined;
    if (wanted.has('dispatcher')) {
      const dispatcher = startDispatcher(context);
      notifyDispatcher = () => dispatcher.notify();
      started.push(dispatcher);
    }
    if (wanted.has('chat-analysis-consumer')) started.push(await startChatAnalysisConsumerComponent(context));
    let chatAnalysisUrl = context.config.chatAnalysis.url;
    if (wanted.has('chat-analysis-api')) {
      const api = await startChatAnalysisApi(context);
      chatAnalysisUrl ??= api.url;
      started.push(api);
    }
    if (wanted.has('backend')) {
      if (chatAnalysisUrl === undefined) {
        throw new Error('The backend needs the chat-analysis API: set INVEKTO_CHAT_ANALYSIS_URL.');
      }
      started.push(await startBackendComponent(context, { chatAnalysisUrl, onOutboxWrite: notifyDispatcher }));
    }
  } catch (error) {
    await stopComponents(started.reverse());
    throw error;
  }
  return started.reverse();
}

/** Closes components one after another, in the order given; a failure does not stop the others. */
export async function stopComponents(components: readonly RunningComponent[]): Promise<void> {
  for (const component of components) {
    await component.close().catch((error: unknown) => {
      console.error(`Closing ${component.name} failed: ${String(error)}`);
    });
  }
}

import { ChatAnalysisJobMessageSchema, InvektoError, type ChatAnalysisJobMessage } from '@invekto/contracts';
import { Compile } from 'typebox/compile';

const validator = Compile(ChatAnalysisJobMessageSchema);
const MAX_REPORTED_ERRORS = 3;

/** Checks a consumed body against the job message schema; anything else is poison (INV-BUS-005). */
export function decodeJobMessage(body: unknown): ChatAnalysisJobMessage {
  if (validator.Check(body)) return body;
  const problems = [...validator.Errors(body)]
    .slice(0, MAX_REPORTED_ERRORS)
    .map((error) => `${error.instancePath || '/'} ${error.message}`);
  throw new InvektoError('INV-BUS-005', { message: `The job message is invalid: ${problems.join('; ')}.` });
}

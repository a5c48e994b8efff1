export {
  CALLBACK_SIGNATURE_VERSION,
  callbackDigest,
  signCallback,
  type CallbackSignatureHeaders,
  type SignCallbackOptions,
} from './callback-signature.js';
export {
  CALLBACK_VERIFIER_DEFAULTS,
  CallbackVerifier,
  type CallbackVerifierOptions,
  type VerifiedCallback,
} from './callback-verifier.js';
export {
  DELIVER_CALLBACK_DEFAULTS,
  deliverCallback,
  type CallbackReceipt,
  type CallbackRetryEvent,
  type DeliverCallbackOptions,
} from './deliver-callback.js';

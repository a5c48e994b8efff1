// Names the page shows for the analysis's enumerations.

export const LANGUAGE_NAMES = { tr: 'Turkish', en: 'English' };
export const SENTIMENT_LABELS = ['negative', 'neutral', 'positive'];
export const ROLE_NAMES = { customer: 'Customer', agent: 'Agent', bot: 'Bot' };
export const ENTITY_TYPES = [
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

// Small DOM and number helpers shared by the page's modules.

export function el(tag, { className, text, attrs } = {}, ...children) {
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

export const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
export const finite = (value, fallback = 0) => (typeof value === 'number' && Number.isFinite(value) ? value : fallback);
export const clamp = (value, min, max) => Math.min(max, Math.max(min, value));
export const percent = (fraction) => `${Math.round(clamp(finite(fraction), 0, 1) * 100)}%`;
export const signed = (score) => {
  const value = clamp(finite(score), -1, 1);
  return `${value > 0 ? '+' : value < 0 ? '−' : ''}${Math.abs(value).toFixed(2)}`;
};
export const humanize = (label) => {
  const words = String(label).replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};
export const knownOr = (value, known, fallback) => (known.includes(value) ? value : fallback);

export function card(title, className, ...children) {
  return el(
    'article',
    { className: `card ${className}` },
    el('h2', { className: 'card__title', text: title }),
    ...children,
  );
}

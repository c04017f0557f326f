const base = 'http://weerbaar.invalid';

/**
 * Only paths on this site (decision 0013): the target is parsed as a URL against our own
 * origin and kept only when it stays there, as its path, query and fragment, percent-encoded
 * (so it is always a valid header). Control characters, backslashes and protocol-relative
 * forms (`//`, `/\`, `/%09/`, and those hidden by one round of percent-encoding) are refused.
 */
export function safeRedirectPath(target: string | null | undefined, fallback = '/'): string {
  if (typeof target !== 'string' || target.length === 0 || target.length > 2000) return fallback;
  let decoded: string;
  try {
    decoded = decodeURIComponent(target);
  } catch {
    return fallback;
  }
  for (const text of [target, decoded]) {
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f-\u009f\\]/.test(text) || !text.startsWith('/') || text.startsWith('//')) return fallback;
  }
  let url: URL;
  try {
    url = new URL(target, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base || url.username || url.password) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith('/') && !path.startsWith('//') ? path : fallback;
}

// What every request must pass before Remix reads it (server.mjs asks; decision 0013):
// known methods, a body no larger than its route needs, our Host when PUBLIC_URL is set, no
// NUL or broken percent-encoding in the URL, and for a non-GET our own Origin.

/** The methods the site answers; anything else (TRACE, PUT, PROPFIND…) gets 405. */
export const allowedMethods = ['GET', 'HEAD', 'POST'] as const;

/** Body caps in bytes: forms 64 kB; the player's JSON events 16 kB. */
export const BODY_LIMITS = { form: 64 * 1024, json: 16 * 1024 } as const;

const jsonRoutes = [/^\/play\/p\/[^/]+\/events\/?$/, /^\/live\/[^/]+\/answer\/?$/];

/** The largest body a request to this path may carry. */
export function bodyLimitFor(pathname: string): number {
  return jsonRoutes.some((route) => route.test(pathname)) ? BODY_LIMITS.json : BODY_LIMITS.form;
}

export interface EdgeRequest {
  method: string;
  /** The request target as sent: path and query. */
  url: string;
  /** Header values, lower-case names (node's IncomingMessage.headers). */
  headers: Record<string, string | string[] | undefined>;
  /** http or https, as Express sees it (X-Forwarded-Proto only with TRUST_PROXY). */
  protocol: string;
  trustProxy: boolean;
  /** The configured public origin (PUBLIC_URL), if any. */
  publicUrl: string | undefined;
}

export type EdgeRefusal = { status: 400 | 403 | 405 | 411 | 413 | 421; reason: string };

const header = (request: EdgeRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** The host the request was meant for: the first X-Forwarded-Host with TRUST_PROXY, else Host. */
export function effectiveHost(request: Pick<EdgeRequest, 'headers' | 'trustProxy'>): string | undefined {
  const forwarded = request.trustProxy
    ? header(request as EdgeRequest, 'x-forwarded-host')
        ?.split(',')[0]
        ?.trim()
    : undefined;
  return (forwarded || header(request as EdgeRequest, 'host'))?.toLowerCase();
}

/** True when the text has a NUL, or percent-encoding that does not decode (invalid UTF-8 included). */
function unreadable(text: string): boolean {
  if (text.includes('\0')) return true;
  try {
    return decodeURIComponent(text.replace(/\+/g, ' ')).includes('\0');
  } catch {
    return true;
  }
}

const safeMethods = new Set(['GET', 'HEAD']);

/** The refusal for a request, or null when it may go on to Remix. */
export function edgeRefusal(request: EdgeRequest): EdgeRefusal | null {
  const method = request.method.toUpperCase();
  if (!(allowedMethods as readonly string[]).includes(method)) return { status: 405, reason: 'method' };
  const [path = '', query = ''] = splitTarget(request.url);
  if (unreadable(path) || unreadable(query)) return { status: 400, reason: 'url' };
  if (request.publicUrl && !/^\/healthz\/?$/.test(path)) {
    // Behind PUBLIC_URL the site answers for that host only: a forged Host reaches nothing.
    if (effectiveHost(request) !== new URL(request.publicUrl).host.toLowerCase()) return { status: 421, reason: 'host' };
  }
  const length = header(request, 'content-length');
  if (length !== undefined) {
    if (!/^\d+$/.test(length)) return { status: 400, reason: 'content-length' };
    if (Number(length) > bodyLimitFor(path)) return { status: 413, reason: 'body' };
  } else if (header(request, 'transfer-encoding') !== undefined) {
    // A body of unknown length cannot be capped before it is read: browsers always say its length.
    return { status: 411, reason: 'length' };
  }
  if (!safeMethods.has(method) && !isAllowedOrigin(request)) return { status: 403, reason: 'origin' };
  return null;
}

function splitTarget(url: string): [string, string] {
  const at = url.indexOf('?');
  return at === -1 ? [url, ''] : [url.slice(0, at), url.slice(at + 1)];
}

/**
 * Cross-site request forgery guard for every non-GET request: the Origin header must be
 * ours. Browsers send it on every POST (that is why Referrer-Policy is same-origin, not
 * no-referrer: docs/decisions/0004); a request without one is refused too. Ours means the
 * host the request was meant for (X-Forwarded-Host only with TRUST_PROXY, as Remix compares
 * too: a mismatch there would be Remix's 500), with our scheme or PUBLIC_URL's.
 */
export function isAllowedOrigin(request: Pick<EdgeRequest, 'headers' | 'protocol' | 'trustProxy' | 'publicUrl'>): boolean {
  const origin = header(request as EdgeRequest, 'origin');
  if (!origin || origin === 'null') return false;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  const host = effectiveHost(request);
  if (!host || parsed.host.toLowerCase() !== host || origin !== parsed.origin) return false;
  return origin === `${request.protocol}://${parsed.host}` || (!!request.publicUrl && origin === new URL(request.publicUrl).origin);
}

const redactions: [RegExp, string][] = [
  // A girl's participant link, a session code, a reset token: never in the log.
  [/^\/(play\/p|s)\/[^/?#]+/, '/$1/[participant]'],
  [/^\/(join|j)\/[^/?#]+/, '/$1/[code]'],
  [/([?&](?:code|token|participant|participantId)=)[^&#]*/gi, '$1[redacted]'],
];

/** The request target as the log may keep it. */
export function redactUrl(url: string | undefined): string | undefined {
  if (url === undefined) return url;
  return redactions.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), url);
}

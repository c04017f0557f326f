import { describe, expect, it } from 'vitest';
import { safeRedirectPath } from '~/lib/safe-redirect';
import { type EdgeRequest, BODY_LIMITS, edgeRefusal, isAllowedOrigin, redactUrl } from '~/security/edge.server';

describe('safeRedirectPath: known open-redirect bypasses (issue 11, item 3)', () => {
  const bypasses = [
    '//evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    '/\t/evil.example', // what `%2F%09%2Fevil.example` is once the form is decoded
    '/%09/evil.example',
    '%2F%2Fevil.example',
    '/%2F/evil.example',
    '/%5Cevil.example',
    '//\u3002evil.example',
    'https://evil.example',
    'http:/evil.example',
    '/\r\nSet-Cookie: x=1',
    '/%0d%0aSet-Cookie:%20x=1',
    '/\u0000',
    '/%00',
    ' //evil.example',
    '/\n/evil.example',
    'javascript:alert(1)',
    '',
  ];
  for (const target of bypasses) {
    it(`refuses ${JSON.stringify(target)}`, () => {
      expect(safeRedirectPath(target, '/fallback')).toBe('/fallback');
    });
  }

  it('keeps ordinary paths, percent-encoded, always a valid header value', () => {
    expect(safeRedirectPath('/about?x=1#top')).toBe('/about?x=1#top');
    expect(safeRedirectPath('/facilitate/sessions/new')).toBe('/facilitate/sessions/new');
    // A full stop of another script stays a path on this site (percent-encoded), never a host.
    expect(safeRedirectPath('/\u3002/evil\u3002example')).toBe('/%E3%80%82/evil%E3%80%82example');
    expect(new Headers({ Location: safeRedirectPath('/zoë?naam=zoë') }).get('Location')).toBe('/zo%C3%AB?naam=zo%C3%AB');
  });
});

const request = (overrides: Partial<EdgeRequest> & { headers?: EdgeRequest['headers'] } = {}): EdgeRequest => ({
  method: 'POST',
  url: '/join',
  protocol: 'http',
  trustProxy: false,
  publicUrl: undefined,
  ...overrides,
  headers: { host: 'localhost:3000', origin: 'http://localhost:3000', 'content-length': '10', ...overrides.headers },
});

describe('the edge (issue 11: items 1, 5 and "no 5xx for any input")', () => {
  it('lets our own requests through', () => {
    expect(edgeRefusal(request())).toBeNull();
    expect(edgeRefusal(request({ method: 'GET', headers: { origin: undefined, 'content-length': undefined } }))).toBeNull();
  });

  it('answers 405 to methods the site does not have', () => {
    for (const method of ['TRACE', 'TRACK', 'PUT', 'DELETE', 'PATCH', 'PROPFIND', 'CONNECT', 'OPTIONS'])
      expect(edgeRefusal(request({ method }))?.status, method).toBe(405);
  });

  it('caps bodies before they are read: forms 64 kB, the player’s JSON 16 kB; a body of unknown length is refused', () => {
    expect(edgeRefusal(request({ headers: { 'content-length': String(BODY_LIMITS.form) } }))).toBeNull();
    expect(edgeRefusal(request({ headers: { 'content-length': String(BODY_LIMITS.form + 1) } }))?.status).toBe(413);
    expect(edgeRefusal(request({ headers: { 'content-length': '700000000' } }))?.status).toBe(413);
    expect(edgeRefusal(request({ url: '/play/p/abc/events', headers: { 'content-length': String(BODY_LIMITS.json + 1) } }))?.status).toBe(413);
    expect(edgeRefusal(request({ url: '/live/abc/answer', headers: { 'content-length': String(BODY_LIMITS.json) } }))).toBeNull();
    expect(edgeRefusal(request({ headers: { 'content-length': undefined, 'transfer-encoding': 'chunked' } }))?.status).toBe(411);
    expect(edgeRefusal(request({ headers: { 'content-length': '1e9' } }))?.status).toBe(400);
  });

  it('refuses NUL and undecodable percent-encoding in the path and the query', () => {
    for (const url of ['/join/a%00b', '/organisations/search?q=%00', '/join/%E0%A4%A', '/x?y=%FF', '/join/a\u0000b']) {
      expect(edgeRefusal(request({ method: 'GET', url }))?.status, url).toBe(400);
    }
  });

  it('with PUBLIC_URL, answers only for its host (421), health checks excepted', () => {
    const publicUrl = 'https://weerbaar.example';
    const ours = { host: 'weerbaar.example', origin: 'https://weerbaar.example' };
    expect(edgeRefusal(request({ publicUrl, protocol: 'https', headers: ours }))).toBeNull();
    expect(edgeRefusal(request({ publicUrl, protocol: 'https', headers: { host: 'evil.example', origin: 'https://evil.example' } }))?.status).toBe(421);
    expect(edgeRefusal(request({ method: 'GET', url: '/healthz', publicUrl, headers: { host: '10.0.0.2:3000' } }))).toBeNull();
    // Behind a trusted proxy the forwarded host is the one that counts.
    expect(
      edgeRefusal(
        request({
          publicUrl,
          protocol: 'https',
          trustProxy: true,
          headers: { host: '10.0.0.2:3000', 'x-forwarded-host': 'weerbaar.example', origin: 'https://weerbaar.example' },
        }),
      ),
    ).toBeNull();
    expect(
      edgeRefusal(
        request({
          publicUrl,
          protocol: 'https',
          trustProxy: true,
          headers: { host: 'weerbaar.example', 'x-forwarded-host': 'evil.example', origin: 'https://weerbaar.example' },
        }),
      )?.status,
    ).toBe(421);
  });
});

describe('the Origin check', () => {
  it('wants our own Origin on every POST', () => {
    expect(isAllowedOrigin(request())).toBe(true);
    expect(isAllowedOrigin(request({ headers: { origin: 'https://evil.example' } }))).toBe(false);
    expect(isAllowedOrigin(request({ headers: { origin: undefined } }))).toBe(false);
    expect(isAllowedOrigin(request({ headers: { origin: 'null' } }))).toBe(false);
    expect(isAllowedOrigin(request({ headers: { origin: 'http://localhost:3000/x' } }))).toBe(false);
  });

  it('decides X-Forwarded-Host itself: ignored without TRUST_PROXY, compared with it (403, not Remix’s 500)', () => {
    const forwarded = { 'x-forwarded-host': 'evil.example' };
    expect(isAllowedOrigin(request({ headers: forwarded }))).toBe(true);
    expect(isAllowedOrigin(request({ trustProxy: true, headers: forwarded }))).toBe(false);
    expect(edgeRefusal(request({ trustProxy: true, headers: forwarded }))?.status).toBe(403);
    expect(isAllowedOrigin(request({ trustProxy: true, headers: { 'x-forwarded-host': 'localhost:3000, proxy.internal' } }))).toBe(true);
  });

  it('accepts PUBLIC_URL’s scheme behind a proxy that terminates TLS', () => {
    expect(isAllowedOrigin(request({ publicUrl: 'https://weerbaar.example', headers: { host: 'weerbaar.example', origin: 'https://weerbaar.example' } }))).toBe(
      true,
    );
  });
});

describe('redactUrl (issue 11, item 8)', () => {
  it('keeps participant ids, join codes and reset tokens out of the log', () => {
    expect(redactUrl('/play/p/AbCdEfGhIjKlMnOpQrStUv/events')).toBe('/play/p/[participant]/events');
    expect(redactUrl('/s/AbCdEfGhIjKlMnOpQrStUv?_data=routes%2Fs.%24participant')).toBe('/s/[participant]?_data=routes%2Fs.%24participant');
    expect(redactUrl('/join/ABC234')).toBe('/join/[code]');
    expect(redactUrl('/j/ABC234')).toBe('/j/[code]');
    expect(redactUrl('/join?code=ABC234')).toBe('/join?code=[redacted]');
    expect(redactUrl('/account/reset-password?token=secret123&x=1')).toBe('/account/reset-password?token=[redacted]&x=1');
    expect(redactUrl('/facilitate/sessions/1234')).toBe('/facilitate/sessions/1234');
  });
});

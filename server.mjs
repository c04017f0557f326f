// The HTTP server: static files, security headers, request logging, then Remix.
// Domain code and the database live in the Remix build; this file only carries requests.
import { randomBytes, randomUUID } from 'node:crypto';

const production = process.env.NODE_ENV === 'production';

const viteDevServer = production ? undefined : await import('vite').then((vite) => vite.createServer({ server: { middlewareMode: true } }));

const loadBuild = viteDevServer
  ? () => viteDevServer.ssrLoadModule('virtual:remix/server-build')
  : await import('./build/server/index.js').then((build) => () => build);

const {
  logger,
  appConfig,
  startRuntime,
  createLoadContext,
  deliverOutbox,
  deliverOutboxAtStartUp,
  edgeRefusal,
  redactUrl,
  languageOfRequest,
  foreignOriginPage,
  lanAddresses,
} = (await loadBuild()).entry.module;
// Every setting comes from the app's one zod-checked configuration (app/config.server.ts).
const config = (() => {
  try {
    return appConfig();
  } catch (error) {
    logger.fatal({ err: error }, 'start-up failed');
    process.exit(1);
  }
})();
const { port, host, trustProxy, publicUrl, secureCookies } = config;
// The database opens while the HTTP libraries load: start-up is on the budget (≤ 2 s).
const [runtime, { createRequestHandler }, { default: compression }, { default: express }, { pinoHttp }] = await Promise.all([
  startRuntime().catch((error) => {
    logger.fatal({ err: error }, 'start-up failed');
    process.exit(1);
  }),
  import('@remix-run/express'),
  import('compression'),
  import('express'),
  import('pino-http'),
]);

/** Every response, error pages and files included, carries these; the nonce is per request. */
function securityHeaders(req, res, next) {
  const nonce = randomBytes(16).toString('base64');
  res.locals.nonce = nonce;
  const scriptSrc = viteDevServer ? `'self' 'unsafe-inline'` : `'self' 'nonce-${nonce}'`;
  res.setHeader(
    'Content-Security-Policy',
    [
      `default-src 'self'`,
      `script-src ${scriptSrc}`,
      `style-src 'self'${viteDevServer ? ` 'unsafe-inline'` : ''}`,
      `img-src 'self' data:`,
      `font-src 'self'`,
      `media-src 'self'`,
      `connect-src 'self'${viteDevServer ? ' ws:' : ''}`,
      `object-src 'none'`,
      `base-uri 'none'`,
      `form-action 'self'`,
      `frame-ancestors 'none'`,
    ].join('; '),
  );
  res.setHeader('X-Content-Type-Options', 'nosniff');
  // same-origin, not no-referrer: under no-referrer browsers send `Origin: null` on our own
  // form posts, and the Origin check would refuse them (docs/decisions/0004).
  res.setHeader('Referrer-Policy', 'same-origin');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
  if (production) res.setHeader('Strict-Transport-Security', 'max-age=63072000; includeSubDomains');
  next();
}

const app = express();
app.disable('x-powered-by');
app.set('trust proxy', trustProxy);
app.use(
  pinoHttp({
    logger,
    genReqId: (req, res) => {
      const id = randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    autoLogging: { ignore: (req) => req.url?.startsWith('/assets/') ?? false },
    // Method, path and status are enough; headers would log cookies and noise. Participant
    // links, join codes and reset tokens are redacted from the path (decision 0013).
    serializers: {
      req: (req) => ({ id: req.id, method: req.method, url: redactUrl(req.url) }),
      res: (res) => ({ statusCode: res.statusCode }),
    },
  }),
);
app.use(securityHeaders);
// Server-Sent Events must reach the tablet as they are written, not when a gzip block fills.
app.use(compression({ filter: (req, res) => !req.path.endsWith('/events') && compression.filter(req, res) }));

// The edge (app/security/edge.server.ts, decision 0013), before anything reads a body: known
// methods only, bodies within their cap, our Host when PUBLIC_URL is set, no NUL in the URL,
// and on every non-GET request our own Origin (CSRF). After a POST, mail waiting in the outbox
// is delivered (or logged) without holding up the answer.
const refusalText = { 400: 'Bad request', 405: 'Method not allowed', 411: 'Length required', 413: 'Payload too large', 421: 'Misdirected request' };
app.use((req, res, next) => {
  // Without TRUST_PROXY a forwarded host is anyone's say-so: Remix must not compare with it either.
  if (!trustProxy) delete req.headers['x-forwarded-host'];
  const refusal = edgeRefusal({
    method: req.method,
    url: req.originalUrl,
    headers: req.headers,
    protocol: req.protocol,
    trustProxy,
    publicUrl,
  });
  if (refusal) {
    req.log.warn({ refused: refusal.reason, origin: req.get('origin') ?? null }, 'refused at the edge');
    if (refusal.status === 403) {
      res
        .status(403)
        .type('html')
        .send(foreignOriginPage(languageOfRequest(req.get('cookie'), req.get('accept-language'))));
      return;
    }
    if (refusal.status === 405) res.setHeader('Allow', 'GET, HEAD, POST');
    // The body is never read: close the connection rather than drain it.
    if (refusal.status === 413 || refusal.status === 411) res.setHeader('Connection', 'close');
    res.setHeader('Cache-Control', 'no-store');
    res.status(refusal.status).type('text').send(refusalText[refusal.status]);
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.on('finish', () => void deliverOutbox(runtime.database.db).catch((error) => logger.warn({ err: error }, 'outbox delivery failed')));
  }
  next();
});

if (viteDevServer) {
  app.use(viteDevServer.middlewares);
} else {
  app.use('/assets', express.static('build/client/assets', { immutable: true, maxAge: '1y' }));
  app.use(express.static('build/client', { maxAge: '1h' }));
}

app.all(
  '*',
  createRequestHandler({
    build: viteDevServer ? loadBuild : await loadBuild(),
    getLoadContext: (req, res) => createLoadContext(runtime, { nonce: res.locals.nonce, requestId: req.id, clientIp: req.ip ?? 'unknown' }),
  }),
);

const server = app.listen(port, host, () => {
  // What a facilitator needs to start: where to open it here, and where tablets on the same Wi-Fi open it.
  const here = `http://localhost:${port}`;
  const tablets = lanAddresses().map((address) => `http://${address}:${port}`);
  logger.info(
    { url: here, tablets, mode: production ? 'production' : 'development' },
    tablets.length > 0 ? `listening: open ${here} on this computer; tablets on the same network open ${tablets.join(' or ')}` : `listening: open ${here}`,
  );
  // Never silently (decision 0014): over plain HTTP cookies go without Secure.
  if (secureCookies === 'auto') {
    logger.info(
      { secureCookies },
      "plain HTTP: cookies go without Secure over http:// (fine on a facility's own Wi-Fi, readable by others on an open network); over https they are Secure and __Host-. SECURE_COOKIES=yes refuses plain HTTP.",
    );
  } else if (secureCookies === 'yes') {
    logger.info({ secureCookies }, 'cookies are always Secure: signing in needs https');
  } else {
    logger.info({ secureCookies }, 'cookies are never Secure (SECURE_COOKIES=no), not even over https');
  }
  // Mail an earlier process queued but did not send (SMTP_URL only): after listening, off the start-up budget.
  void deliverOutboxAtStartUp(runtime.database.db).catch((error) => logger.warn({ err: error }, 'outbox delivery at start-up failed'));
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    logger.info({ signal }, 'shutting down');
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 3000).unref();
  });
}

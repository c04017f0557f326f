import http from 'node:http';

/**
 * HTTP as a hostile client sends it: any method, any header (Host, X-Forwarded-Host, a forged
 * cookie), any bytes in the body (invalid UTF-8, a megabyte), which the browser and
 * Playwright's request context would tidy up or refuse to send.
 */
export interface RawRequest {
  method: string;
  /** Path and query, sent as written (not re-encoded). */
  path: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

export function send(baseURL: string, request: RawRequest): Promise<RawResponse> {
  const url = new URL(baseURL);
  const body = request.body === undefined ? undefined : Buffer.isBuffer(request.body) ? request.body : Buffer.from(request.body);
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: request.method,
        path: request.path,
        agent,
        headers: { ...(body ? { 'Content-Length': String(body.length) } : {}), ...request.headers },
      },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error(`no answer in 30 s: ${request.method} ${request.path}`)));
    // A server that answers 413 before reading a large body may close while it is still being
    // written: the answer counts, the write error does not.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    if (body) req.write(body);
    req.end();
  });
}

/** The Set-Cookie headers of a response as a Cookie header (name=value pairs). */
export function cookiesOf(response: RawResponse): string {
  return (response.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]!).join('; ');
}

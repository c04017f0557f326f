import { appConfig } from '~/config.server';

/**
 * Where links in e-mail point: PUBLIC_URL, or (embedded mode only: production on PostgreSQL
 * refuses to start without PUBLIC_URL) the address the server is reached by locally. Never a
 * request header: a forged Host would put an attacker's site in a reset link (decision 0013).
 */
export function mailOrigin(): string {
  const config = appConfig();
  return config.publicUrl ?? config.localOrigin;
}

/**
 * Where the projector's join link and QR code point: PUBLIC_URL, else the address the
 * facilitator reached this page by (the tablets are on her network). Shown to her only,
 * never sent anywhere, so her own request may name it.
 */
export function siteOrigin(request: Request): string {
  return appConfig().publicUrl ?? new URL(request.url).origin;
}

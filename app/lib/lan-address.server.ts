import { networkInterfaces } from 'node:os';
import { appConfig } from '~/config.server';

type Interfaces = ReturnType<typeof networkInterfaces>;

const privateIpv4 = [/^10\./, /^192\.168\./, /^172\.(1[6-9]|2\d|3[01])\./];

/**
 * This computer's IPv4 addresses on its networks (not loopback, not link-local), those in the
 * private ranges a facility's Wi-Fi uses first: where tablets on the same network reach it.
 * Only the address the server listens on when HOST names one (decision 0014).
 */
export function lanAddresses(interfaces: Interfaces = networkInterfaces(), listenHost = appConfig().host): string[] {
  if (!['0.0.0.0', '::', ''].includes(listenHost)) return isLoopbackHost(listenHost) ? [] : [listenHost];
  const addresses = Object.values(interfaces)
    .flatMap((list) => list ?? [])
    .filter((a) => a.family === 'IPv4' && !a.internal && !a.address.startsWith('169.254.'))
    .map((a) => a.address);
  const rank = (address: string) => (privateIpv4.some((range) => range.test(address)) ? 0 : 1);
  return [...new Set(addresses)].sort((a, b) => rank(a) - rank(b));
}

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\./.test(host);
}

export interface JoinOrigin {
  /** Where tablets open the join link. */
  origin: string;
  /** True when that is this computer's local-network address (the console says so). */
  localNetwork: boolean;
  /** Its other local-network addresses, to try when the first does not work. */
  otherOrigins: string[];
}

/**
 * The origin of the join link and QR code: PUBLIC_URL when set; else the request's own origin,
 * except that a console opened on the laptop itself (localhost) names the laptop's
 * local-network address, which the tablets can open.
 */
export function joinOrigin(request: Request): JoinOrigin {
  const config = appConfig();
  if (config.publicUrl) return { origin: config.publicUrl, localNetwork: false, otherOrigins: [] };
  const url = new URL(request.url);
  const addresses = lanAddresses();
  const origins = addresses.map((address) => `${url.protocol}//${address}${url.port ? `:${url.port}` : ''}`);
  if (isLoopbackHost(url.hostname) && origins.length > 0) return { origin: origins[0]!, localNetwork: true, otherOrigins: origins.slice(1) };
  const onLan = addresses.includes(url.hostname);
  return { origin: url.origin, localNetwork: onLan, otherOrigins: onLan ? origins.filter((o) => o !== url.origin) : [] };
}

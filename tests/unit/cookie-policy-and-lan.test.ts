import { describe, expect, it } from 'vitest';
import { isLoopbackHost, lanAddresses } from '~/lib/lan-address.server';
import { appCookies, cookieSettings, cookiesAreSecure } from '~/security/cookie-policy.server';

const over = (url: string) => new Request(url);

describe('cookie policy per request (decision 0014)', () => {
  it('is secure over HTTPS and plain over plain HTTP, unless SECURE_COOKIES says otherwise', () => {
    expect(cookiesAreSecure('auto', over('https://weerbaar.example/account/sign-in'))).toBe(true);
    expect(cookiesAreSecure('auto', over('http://192.168.1.20:3000/account/sign-in'))).toBe(false);
    expect(cookiesAreSecure('auto', over('http://localhost:3000/'))).toBe(false);
    expect(cookiesAreSecure('yes', over('http://192.168.1.20:3000/'))).toBe(true);
    expect(cookiesAreSecure('no', over('https://weerbaar.example/'))).toBe(false);
  });

  it('names host-only cookies __Host- and flags them Secure only when secure; every cookie HttpOnly, SameSite=Lax, Path=/', () => {
    expect(cookieSettings('session', true)).toMatchObject({
      name: '__Host-weerbaar_session',
      options: { secure: true, httpOnly: true, sameSite: 'lax', path: '/' },
    });
    expect(cookieSettings('session', false)).toMatchObject({ name: 'weerbaar_session', options: { secure: false, httpOnly: true } });
    expect(cookieSettings('device', true)).toMatchObject({ name: '__Host-weerbaar_device', options: { maxAge: 365 * 24 * 60 * 60 } });
    // The language cookie keeps its name (server.mjs reads it outside Remix); only its flag changes.
    expect(cookieSettings('language', true)).toMatchObject({ name: 'lng', options: { secure: true } });
    expect(cookieSettings('participant', false)).toMatchObject({ name: 'weerbaar_participant', options: { secure: false } });
    for (const kind of Object.keys(appCookies) as (keyof typeof appCookies)[]) {
      expect(cookieSettings(kind, true).options).toMatchObject({ httpOnly: true, sameSite: 'lax', path: '/', secure: true });
    }
  });
});

describe('the laptop’s local-network addresses (decision 0014)', () => {
  const nic = (address: string, internal = false) => ({
    address,
    family: 'IPv4' as const,
    internal,
    netmask: '255.255.255.0',
    mac: '00:00:00:00:00:00',
    cidr: `${address}/24`,
  });
  const interfaces = {
    lo: [nic('127.0.0.1', true)],
    docker0: [nic('203.0.113.7')],
    wlan0: [nic('192.168.1.20'), { ...nic('fe80::1'), family: 'IPv6' as const, scopeid: 0 }],
    usb0: [nic('169.254.3.3')],
  };

  it('lists IPv4 addresses that are not loopback or link-local, private ranges first', () => {
    expect(lanAddresses(interfaces, '0.0.0.0')).toEqual(['192.168.1.20', '203.0.113.7']);
  });

  it('names only the address the server listens on when HOST names one, and none for loopback', () => {
    expect(lanAddresses(interfaces, '192.168.1.20')).toEqual(['192.168.1.20']);
    expect(lanAddresses(interfaces, '127.0.0.1')).toEqual([]);
  });

  it('knows a loopback host name', () => {
    for (const host of ['localhost', '127.0.0.1', '[::1]', '::1', 'app.localhost']) expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['192.168.1.20', 'weerbaar.example']) expect(isLoopbackHost(host), host).toBe(false);
  });
});

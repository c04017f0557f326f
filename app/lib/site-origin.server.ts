import { startRuntime } from '~/runtime.server';

/** Where links in e-mail point: PUBLIC_URL when set (never trust a Host header then), else this request's origin. */
export async function siteOrigin(request: Request): Promise<string> {
  const { config } = await startRuntime();
  return config.publicUrl ?? new URL(request.url).origin;
}

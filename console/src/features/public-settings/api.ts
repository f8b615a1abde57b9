import { type PublicSettings, publicSettingsSchema } from '@madoguchi/contracts';
import { api, centerPath } from '../../lib/api.ts';

export const publicSettingsKey = (slug: string) => `public-settings:${slug}`;

export function loadPublicSettings(slug: string, signal: AbortSignal): Promise<PublicSettings> {
  return api.get<PublicSettings>(centerPath(slug, '/public-settings'), {
    signal,
    schema: publicSettingsSchema,
  });
}

/** The public site's address for a centre: always under /c/<slug>/, also at its own host when one is set. */
export function publicSiteUrls(slug: string, host: string | null): string[] {
  const path = `${window.location.origin}/c/${encodeURIComponent(slug)}/`;
  return host ? [`https://${host}/`, path] : [path];
}

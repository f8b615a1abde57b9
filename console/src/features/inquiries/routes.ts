// Web inquiry screens live under a centre: `/c/<slug>/inquiries` (the list), `/c/<slug>/inquiries/<受付番号>`
// (one inquiry) and `/c/<slug>/mail-settings` (the centre's mail settings, administrators).

export type InquiryPage = 'list' | 'detail' | 'mail-settings';

export type InquiryRoute =
  | { slug: string; page: 'list' }
  | { slug: string; page: 'detail'; receiptNumber: string }
  | { slug: string; page: 'mail-settings' };

/** `/c/iwaki/inquiries/W20261122-0007` → route; null for paths outside these screens. */
export function parseInquiryRoute(path: string): InquiryRoute | null {
  const parts = path.split('/').filter((p) => p !== '');
  const [first, slug, module, sub, ...rest] = parts;
  if (first !== 'c' || !slug || rest.length > 0) return null;
  try {
    const center = decodeURIComponent(slug);
    if (module === 'inquiries' && !sub) return { slug: center, page: 'list' };
    if (module === 'inquiries' && sub)
      return { slug: center, page: 'detail', receiptNumber: decodeURIComponent(sub) };
    if (module === 'mail-settings' && !sub) return { slug: center, page: 'mail-settings' };
  } catch {
    // A malformed escape: not one of these paths.
  }
  return null;
}

export function inquiriesHref(slug: string): string {
  return `/c/${encodeURIComponent(slug)}/inquiries`;
}

export function inquiryHref(slug: string, receiptNumber: string): string {
  return `/c/${encodeURIComponent(slug)}/inquiries/${encodeURIComponent(receiptNumber)}`;
}

export function mailSettingsHref(slug: string): string {
  return `/c/${encodeURIComponent(slug)}/mail-settings`;
}

import type { Center, PublicSettings } from '@madoguchi/contracts';
import { describe, expect, it } from 'vitest';
import { defaultCenterHours } from '../centers/calendar.ts';
import type { CenterRow } from '../centers/centers.repository.ts';
import { html } from './html.ts';
import { canonicalUrl, finishPage, paragraphs, renderPage, weeklyHoursRows } from './layout.ts';
import { defaultPublicSettings } from './public-settings.repository.ts';
import { type PublicSite, sitePath } from './site.ts';

function site(overrides: { settings?: Partial<PublicSettings>; basePath?: string; name?: string } = {}) {
  const center: CenterRow = {
    id: '00000000-0000-4000-8000-000000000001',
    slug: 'iwaki',
    name: overrides.name ?? 'いわき市総合コールセンター',
    kind: 'general',
    description: '',
    businessHours: defaultCenterHours(),
    searchLearning: true,
    createdAt: new Date(),
    updatedAt: new Date(),
  };
  const detail = {
    id: center.id,
    slug: center.slug,
    name: center.name,
    kind: center.kind,
    description: '',
    businessHours: center.businessHours,
    searchLearning: true,
    lines: [{ id: 'l1', number: '0246-00-1000', label: '代表電話' }],
    closures: [{ id: 'c1', kind: 'annual', label: '年末年始', start: '12-29', end: '01-03' }],
    departments: [],
    categoryAxes: [],
  } as Center;
  const result: PublicSite = {
    center,
    detail,
    settings: { ...defaultPublicSettings(), ...overrides.settings },
    basePath: overrides.basePath ?? '/c/iwaki',
  };
  return result;
}

describe('public page layout', () => {
  it('renders a Japanese document with skip link, header, nav, main and footer', () => {
    const out = renderPage(site(), {
      title: 'よくある質問',
      main: html`<h1>よくある質問</h1>`,
      current: 'faq',
      canonicalPath: '/faq/',
      breadcrumbs: [{ label: 'よくある質問' }],
    });
    expect(out).toMatch(/^<!doctype html>\n<html lang="ja">/);
    expect(out).toContain('<title>よくある質問 | いわき市総合コールセンター</title>');
    expect(out).toContain('<a class="skip-link" href="#main">本文へ移動</a>');
    expect(out).toContain('<main id="main" tabindex="-1">');
    expect(out).toContain('<a href="/c/iwaki/faq/" aria-current="page">よくある質問</a>');
    expect(out).toContain('href="/c/iwaki/inquiry"');
    expect(out).toContain('<link rel="canonical" href="/c/iwaki/faq/">');
    expect(out).toContain('<a href="tel:0246001000">0246-00-1000</a>');
    expect(out).toContain('休業日：年末年始');
    expect(out).not.toContain('class="notice');
  });

  it('shows the notice banner while text is set; urgent ones as an alert', () => {
    const warning = renderPage(
      site({
        settings: {
          notice: { text: '災害対応のため\n回答が遅れています', level: 'warning', updatedAt: null },
        },
      }),
      { title: 't', main: html`` },
    );
    expect(warning).toContain('<section class="notice notice--warning" aria-labelledby="notice-title">');
    expect(warning).toContain('<h2 id="notice-title" class="notice__title">注意</h2>');
    expect(warning).toContain('<p>災害対応のため<br>回答が遅れています</p>');
    const urgent = renderPage(
      site({
        settings: { notice: { text: '避難情報', level: 'urgent', updatedAt: '2026-11-22T01:05:00.000Z' } },
      }),
      { title: 't', main: html`` },
    );
    expect(urgent).toContain('role="alert"');
    expect(urgent).toContain('<time datetime="2026-11-22T01:05:00.000Z">2026年11月22日 10:05</time> 更新');
  });

  it('escapes the centre name, the title and the notice', () => {
    const out = renderPage(
      site({
        name: '<script>x</script>',
        settings: { notice: { text: '<img src=x onerror=alert(1)>', level: 'info', updatedAt: null } },
      }),
      { title: '"><b>', main: html``, description: '<i>' },
    );
    expect(out).not.toContain('<script>x');
    expect(out).not.toContain('<img src=x');
    expect(out).not.toContain('"><b>');
    expect(out).toContain('&lt;script&gt;x&lt;/script&gt;');
  });

  it('hides the inquiry link when the form is off, and builds links without prefix on the own host', () => {
    const out = renderPage(site({ settings: { inquiryEnabled: false }, basePath: '' }), {
      title: 't',
      main: html``,
    });
    expect(out).not.toContain('/inquiry');
    expect(out).toContain('<a href="/faq/">よくある質問</a>');
    expect(sitePath({ basePath: '' }, '/')).toBe('/');
    expect(sitePath({ basePath: '/c/iwaki' }, '/')).toBe('/c/iwaki/');
  });

  it('makes canonical URLs absolute with PUBLIC_URL or the own host name', () => {
    const s = site();
    s.publicUrl = 'https://madoguchi.example.jp/';
    expect(canonicalUrl(s, '/faq/F-1')).toBe('https://madoguchi.example.jp/c/iwaki/faq/F-1');
    const own = site({ settings: { publicHost: 'faq.example.lg.jp' } });
    expect(canonicalUrl(own, '/faq/F-1')).toBe('https://faq.example.lg.jp/faq/F-1');
  });

  it('groups weekly hours into rows of days', () => {
    expect(
      weeklyHoursRows({
        mon: { opens: '08:30', closes: '19:00' },
        tue: { opens: '08:30', closes: '19:00' },
        wed: { opens: '08:30', closes: '19:00' },
        thu: { opens: '08:30', closes: '19:00' },
        fri: { opens: '08:30', closes: '19:00' },
        sat: { opens: '08:30', closes: '17:00' },
        sun: { opens: '08:30', closes: '17:00' },
        holiday: { opens: '08:30', closes: '17:00' },
      }),
    ).toEqual([
      { days: '月〜金', hours: '8:30〜19:00' },
      { days: '土・日・祝日', hours: '8:30〜17:00' },
    ]);
    expect(
      weeklyHoursRows({
        mon: { opens: '09:00', closes: '17:00' },
        tue: null,
        wed: { opens: '09:00', closes: '17:00' },
        thu: null,
        fri: null,
        sat: null,
        sun: null,
        holiday: null,
      }),
    ).toEqual([
      { days: '月・水', hours: '9:00〜17:00' },
      { days: '火・木〜日・祝日', hours: '休み' },
    ]);
  });

  it('keeps paragraphs and line breaks of plain text, escaped', () => {
    expect(paragraphs('a<b\nc\n\nd').value).toBe('<p>a&lt;b<br>c</p><p>d</p>');
  });

  it('gives a strong ETag derived from the bytes', () => {
    const a = finishPage('<p>a</p>');
    expect(a.etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(finishPage('<p>a</p>').etag).toBe(a.etag);
    expect(finishPage('<p>b</p>').etag).not.toBe(a.etag);
  });
});

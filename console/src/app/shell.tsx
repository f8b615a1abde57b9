import type { Role, SessionCenter } from '@madoguchi/contracts';
import { Fragment, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { type FaqPage, faqHref } from '../features/faq/routes.ts';
import { canHandleInquiries, canManageMailSettings } from '../features/inquiries/permissions.ts';
import { type InquiryPage, inquiriesHref, mailSettingsHref } from '../features/inquiries/routes.ts';
import { can, effectiveRoles, visibleUpcomingModules } from '../lib/permissions.ts';
import { type CenterPage, centerHref, Link, navigate, usePath } from '../lib/router.tsx';
import { useSession } from '../lib/session.tsx';
import { storeCenterSlug, useCenters } from './centers.tsx';
import { UserMenu } from './user-menu.tsx';

/** Header (product, centre switcher, user menu), side navigation and the main landmark. */
export function Shell({
  center,
  page,
  faqPage = null,
  inquiryPage = null,
  children,
}: {
  center: SessionCenter | undefined;
  /** The centre page shown, kept when the centre is switched. */
  page: CenterPage | null;
  /** The FAQ screen shown, kept too (one FAQ's page becomes the FAQ list: FAQ-IDs are per centre). */
  faqPage?: FaqPage | 'detail' | null;
  /** The web inquiry screen shown (one inquiry's page becomes the list: receipt numbers are per centre). */
  inquiryPage?: InquiryPage | null;
  children: ReactNode;
}) {
  const session = useSession();
  const centers = useCenters();
  const [navOpen, setNavOpen] = useState(false);
  const menuButtonRef = useRef<HTMLButtonElement>(null);
  const navRef = useRef<HTMLElement>(null);
  const path = usePath();
  const switcherId = useId();

  // Close the narrow-screen menu after a navigation.
  useEffect(() => {
    void path;
    setNavOpen(false);
  }, [path]);

  useEffect(() => {
    if (!navOpen) return;
    navRef.current?.querySelector<HTMLElement>('a, button')?.focus();
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setNavOpen(false);
        menuButtonRef.current?.focus();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [navOpen]);

  const switchCenter = (slug: string) => {
    const next = centers.find((c) => c.slug === slug);
    if (!next) return;
    storeCenterSlug(slug);
    const roles = effectiveRoles(session, next);
    if (inquiryPage) {
      const allowed =
        inquiryPage === 'mail-settings' ? canManageMailSettings(roles) : canHandleInquiries(roles);
      const href = inquiryPage === 'mail-settings' ? mailSettingsHref(slug) : inquiriesHref(slug);
      navigate(allowed ? href : centerHref(slug), { focus: false });
      return;
    }
    if (faqPage) {
      const target = faqPage === 'detail' ? 'list' : faqPage;
      const allowed = faqNav(roles).some((item) => item.page === target);
      navigate(allowed ? faqHref(slug, target) : centerHref(slug), { focus: false });
      return;
    }
    const allowed =
      page === 'public-site'
        ? can.editPublicSettings(roles)
        : page === 'notice'
          ? can.setPublicNotice(roles)
          : page === 'home' || can.manageCenter(roles);
    const target = page && allowed ? page : 'home';
    navigate(centerHref(slug, target), { focus: false });
  };

  const roles = effectiveRoles(session, center);
  const upcoming = center ? visibleUpcomingModules(roles) : [];
  const faqItems = center ? faqNav(roles) : [];
  const showCenterAdmin = center && can.manageCenter(roles);
  const showJobs = can.viewJobs(session);
  const showNewCenter = can.createCenter(session);

  const navLink = (to: string, label: string) => {
    const current = path === to || (to.endsWith('/') && path === to.slice(0, -1));
    return (
      <li>
        <Link to={to} className="nav-item" aria-current={current ? 'page' : undefined}>
          {label}
        </Link>
      </li>
    );
  };

  return (
    <div className={`app${navOpen ? ' app--nav-open' : ''}`}>
      <a className="skip-link" href="#main">
        メインコンテンツへ移動
      </a>
      <header className="app-header">
        <button
          ref={menuButtonRef}
          type="button"
          className="menu-button"
          aria-expanded={navOpen}
          aria-controls="side-nav"
          onClick={() => setNavOpen((o) => !o)}
        >
          <span className="menu-button__icon" aria-hidden="true" />
          メニュー
        </button>
        <Link to={center ? centerHref(center.slug) : '/'} className="brand app-header__brand">
          <span className="brand__ja">窓口</span> <span className="brand__en">Madoguchi</span>
        </Link>
        <div className="center-switcher">
          <label htmlFor={switcherId} className="center-switcher__label">
            センター
          </label>
          {centers.length > 0 ? (
            <select
              id={switcherId}
              className="input select center-switcher__select"
              value={center?.slug ?? ''}
              onChange={(e) => switchCenter(e.target.value)}
            >
              {!center && <option value="">選択してください</option>}
              {centers.map((c) => (
                <option key={c.id} value={c.slug}>
                  {c.name}
                </option>
              ))}
            </select>
          ) : (
            <select id={switcherId} className="input select center-switcher__select" disabled value="">
              <option value="">センターがありません</option>
            </select>
          )}
        </div>
        <UserMenu />
      </header>
      <div className="app-body">
        <nav id="side-nav" ref={navRef} className="side-nav" aria-label="メインメニュー">
          {center && (
            <>
              <p className="side-nav__center" aria-hidden="true">
                {center.name}
              </p>
              <ul className="nav-list">{navLink(centerHref(center.slug), 'ホーム')}</ul>
              {faqItems.length > 0 && (
                <>
                  <h2 className="nav-heading">FAQ</h2>
                  <ul className="nav-list">
                    {faqItems.map((item) => (
                      <Fragment key={item.page}>
                        {navLink(faqHref(center.slug, item.page), item.label)}
                      </Fragment>
                    ))}
                  </ul>
                </>
              )}
              {canHandleInquiries(roles) && (
                <>
                  <h2 className="nav-heading">問合せ</h2>
                  <ul className="nav-list">{navLink(inquiriesHref(center.slug), 'Web問合せ')}</ul>
                </>
              )}
            </>
          )}
          {center && (can.setPublicNotice(roles) || can.editPublicSettings(roles)) && (
            <>
              <h2 className="nav-heading">公開サイト</h2>
              <ul className="nav-list">
                {can.setPublicNotice(roles) && navLink(centerHref(center.slug, 'notice'), 'お知らせバナー')}
                {can.editPublicSettings(roles) &&
                  navLink(centerHref(center.slug, 'public-site'), '公開サイト設定')}
              </ul>
            </>
          )}
          {center && upcoming.length > 0 && (
            <>
              <h2 className="nav-heading">その他の業務</h2>
              <ul className="nav-list">
                {upcoming.map((label) => (
                  <li key={label}>
                    <span className="nav-item nav-item--disabled" aria-disabled="true">
                      {label}
                      <span className="badge badge--muted">準備中</span>
                    </span>
                  </li>
                ))}
              </ul>
            </>
          )}
          {showCenterAdmin && (
            <>
              <h2 className="nav-heading">センターの管理</h2>
              <ul className="nav-list">
                {navLink(centerHref(center.slug, 'settings'), 'センター設定')}
                {navLink(centerHref(center.slug, 'staff'), 'スタッフ管理')}
                {navLink(centerHref(center.slug, 'audit'), '監査ログ')}
                {canManageMailSettings(roles) && navLink(mailSettingsHref(center.slug), 'メール設定')}
              </ul>
            </>
          )}
          {(showJobs || showNewCenter) && (
            <>
              <h2 className="nav-heading">システム</h2>
              <ul className="nav-list">
                {showJobs && navLink('/jobs', 'ジョブ状況')}
                {showNewCenter && navLink('/centers/new', 'センターの追加')}
              </ul>
            </>
          )}
        </nav>
        {navOpen && <div className="nav-backdrop" aria-hidden="true" onClick={() => setNavOpen(false)} />}
        <main id="main" tabIndex={-1} className="main">
          {children}
        </main>
      </div>
    </div>
  );
}

/** The FAQ group of the side navigation, per role. */
function faqNav(roles: Set<Role>): { page: FaqPage; label: string }[] {
  const items: { page: FaqPage; label: string; show: boolean }[] = [
    { page: 'search', label: 'FAQ検索', show: can.viewFaq(roles) },
    { page: 'list', label: 'FAQ管理', show: can.viewFaq(roles) },
    { page: 'ranking', label: 'アクセスランキング', show: can.viewFaq(roles) },
    { page: 'synonyms', label: '同義語', show: can.manageSynonyms(roles) },
    { page: 'analytics', label: '検索分析', show: can.viewSearchAnalytics(roles) },
    { page: 'votes', label: '満足度', show: can.viewVoteStats(roles) },
    { page: 'transfer', label: 'CSV・Excel 入出力', show: can.importFaq(roles) },
  ];
  return items.filter((i) => i.show);
}

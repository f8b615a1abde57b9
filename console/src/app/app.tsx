import type { Role, SessionCenter } from '@madoguchi/contracts';
import { type ReactNode, useEffect } from 'react';
import { Loading, PageHeader } from '../components/page.tsx';
import { AuditPage } from '../features/audit/audit-page.tsx';
import { AccountPage } from '../features/auth/account-page.tsx';
import { LoginPage } from '../features/auth/login-page.tsx';
import { PasswordExpiredPage } from '../features/auth/password-expired-page.tsx';
import { CenterSettingsPage } from '../features/center-settings/center-settings-page.tsx';
import { NewCenterPage } from '../features/centers/new-center-page.tsx';
import { FaqCreatePage, FaqDetailPage } from '../features/faq/faq-detail-page.tsx';
import { FaqListPage } from '../features/faq/faq-list-page.tsx';
import { RankingPage } from '../features/faq/ranking-page.tsx';
import { type FaqRoute, parseFaqRoute } from '../features/faq/routes.ts';
import { TransferPage } from '../features/faq/transfer-page.tsx';
import { VotesPage } from '../features/faq/votes-page.tsx';
import { HomePage } from '../features/home/home-page.tsx';
import { InquiryDetailPage } from '../features/inquiries/inquiry-detail-page.tsx';
import { InquiryListPage } from '../features/inquiries/inquiry-list-page.tsx';
import { canHandleInquiries, canManageMailSettings } from '../features/inquiries/permissions.ts';
import { type InquiryRoute, parseInquiryRoute } from '../features/inquiries/routes.ts';
import { JobsPage } from '../features/jobs/jobs-page.tsx';
import { MailSettingsPage } from '../features/mail-settings/mail-settings-page.tsx';
import { NoticePage } from '../features/public-settings/notice-page.tsx';
import { PublicSettingsPage } from '../features/public-settings/public-settings-page.tsx';
import { SearchAnalyticsPage } from '../features/search/analytics-page.tsx';
import { FaqSearchPage } from '../features/search/search-page.tsx';
import { SynonymsPage } from '../features/search/synonyms-page.tsx';
import { StaffPage } from '../features/staff/staff-page.tsx';
import { errorText } from '../lib/api.ts';
import { can, effectiveRoles } from '../lib/permissions.ts';
import { centerHref, Link, navigate, usePath, useRoute } from '../lib/router.tsx';
import { useSession, useSessionContext } from '../lib/session.tsx';
import { storeCenterSlug, storedCenterSlug, useCenters } from './centers.tsx';
import { Shell } from './shell.tsx';

export function App() {
  const { state, retry } = useSessionContext();
  switch (state.status) {
    case 'loading':
      return (
        <main id="main" className="boot">
          <Loading />
        </main>
      );
    case 'error':
      return (
        <main id="main" className="boot">
          <h1 className="boot__title">窓口 Madoguchi</h1>
          <div className="alert alert--error" role="alert">
            <p>{errorText(state.error)}</p>
            <button type="button" className="button button--secondary button--small" onClick={retry}>
              再読み込み
            </button>
          </div>
        </main>
      );
    case 'anonymous':
      return <LoginPage expired={state.expired} />;
    case 'signed-in':
      return state.session.user.passwordExpired ? <PasswordExpiredPage /> : <SignedInApp />;
  }
}

function SignedInApp() {
  const session = useSession();
  const centers = useCenters();
  const route = useRoute();
  const faqRoute = parseFaqRoute(usePath());
  const inquiryRoute = parseInquiryRoute(usePath());

  const routeSlug = route.name === 'center' ? route.slug : (faqRoute?.slug ?? inquiryRoute?.slug ?? null);
  const stored = storedCenterSlug();
  const center =
    centers.find((c) => c.slug === routeSlug) ??
    (routeSlug === null ? (centers.find((c) => c.slug === stored) ?? centers[0]) : undefined);

  const inCenter = route.name === 'center' || faqRoute !== null || inquiryRoute !== null;
  useEffect(() => {
    if (inCenter && center) storeCenterSlug(center.slug);
  }, [inCenter, center]);

  useEffect(() => {
    if (route.name === 'root' && center) navigate(centerHref(center.slug), { replace: true });
  }, [route.name, center]);

  const roles = effectiveRoles(session, center);
  let content: ReactNode;

  switch (route.name) {
    case 'root':
      content = center ? <Loading /> : <NoCenters />;
      break;
    case 'center':
      if (!center) {
        content = (
          <Problem title="センターが見つかりません">
            指定されたセンターが存在しないか、このセンターの利用権限がありません。
          </Problem>
        );
      } else if (route.page === 'public-site') {
        content = can.editPublicSettings(roles) ? (
          <PublicSettingsPage key={center.slug} center={center} />
        ) : (
          <Forbidden />
        );
      } else if (route.page === 'notice') {
        content = can.setPublicNotice(roles) ? (
          <NoticePage key={center.slug} center={center} />
        ) : (
          <Forbidden />
        );
      } else if (route.page !== 'home' && !can.manageCenter(roles)) {
        content = <Forbidden />;
      } else if (route.page === 'home') {
        content = <HomePage key={center.slug} center={center} roles={roles} />;
      } else if (route.page === 'settings') {
        content = <CenterSettingsPage key={center.slug} center={center} roles={roles} />;
      } else if (route.page === 'staff') {
        content = <StaffPage key={center.slug} center={center} />;
      } else {
        content = <AuditPage key={center.slug} center={center} />;
      }
      break;
    case 'jobs':
      content = can.viewJobs(session) ? <JobsPage /> : <Forbidden />;
      break;
    case 'account':
      content = <AccountPage />;
      break;
    case 'new-center':
      content = can.createCenter(session) ? <NewCenterPage /> : <Forbidden />;
      break;
    case 'not-found':
      content = (
        <Problem title="ページが見つかりません">
          指定されたページは存在しません。<Link to="/">ホームへ戻る</Link>
        </Problem>
      );
      break;
  }

  // The FAQ screens (issue 3) have paths of their own (features/faq/routes.ts).
  if (faqRoute) {
    content = center ? (
      faqContent(faqRoute, center, roles)
    ) : (
      <Problem title="センターが見つかりません">
        指定されたセンターが存在しないか、このセンターの利用権限がありません。
      </Problem>
    );
  }

  // The web inquiry screens (issue 4) have paths of their own too (features/inquiries/routes.ts).
  if (inquiryRoute) {
    content = center ? (
      inquiryContent(inquiryRoute, center, roles)
    ) : (
      <Problem title="センターが見つかりません">
        指定されたセンターが存在しないか、このセンターの利用権限がありません。
      </Problem>
    );
  }

  return (
    <Shell
      center={center}
      page={route.name === 'center' ? route.page : null}
      faqPage={faqRoute ? faqRoute.page : null}
      inquiryPage={inquiryRoute ? inquiryRoute.page : null}
    >
      {content}
    </Shell>
  );
}

/** The web inquiry screens and the mail settings, behind the permissions inquiries.policy.ts checks too. */
function inquiryContent(route: InquiryRoute, center: SessionCenter, roles: Set<Role>): ReactNode {
  const key = center.slug;
  switch (route.page) {
    case 'list':
      return canHandleInquiries(roles) ? <InquiryListPage key={key} center={center} /> : <Forbidden />;
    case 'detail':
      return canHandleInquiries(roles) ? (
        <InquiryDetailPage
          key={`${key}:${route.receiptNumber}`}
          center={center}
          receiptNumber={route.receiptNumber}
        />
      ) : (
        <Forbidden />
      );
    case 'mail-settings':
      return canManageMailSettings(roles) ? <MailSettingsPage key={key} center={center} /> : <Forbidden />;
  }
}

/** The FAQ screens (issue 3), each behind the permission the server checks too. */
function faqContent(route: FaqRoute, center: SessionCenter, roles: Set<Role>): ReactNode {
  const key = center.slug;
  switch (route.page) {
    case 'search':
      return can.viewFaq(roles) ? <FaqSearchPage key={key} center={center} roles={roles} /> : <Forbidden />;
    case 'list':
      return can.viewFaq(roles) ? <FaqListPage key={key} center={center} roles={roles} /> : <Forbidden />;
    case 'new':
      return can.editFaq(roles) ? <FaqCreatePage key={key} center={center} /> : <Forbidden />;
    case 'detail':
      return can.viewFaq(roles) ? (
        <FaqDetailPage key={`${key}:${route.faqId}`} center={center} roles={roles} faqId={route.faqId} />
      ) : (
        <Forbidden />
      );
    case 'ranking':
      return can.viewFaq(roles) ? <RankingPage key={key} center={center} /> : <Forbidden />;
    case 'synonyms':
      return can.manageSynonyms(roles) ? <SynonymsPage key={key} center={center} /> : <Forbidden />;
    case 'analytics':
      return can.viewSearchAnalytics(roles) ? (
        <SearchAnalyticsPage key={key} center={center} roles={roles} />
      ) : (
        <Forbidden />
      );
    case 'votes':
      return can.viewVoteStats(roles) ? <VotesPage key={key} center={center} /> : <Forbidden />;
    case 'transfer':
      return can.exportFaq(roles) || can.importFaq(roles) ? (
        <TransferPage key={key} center={center} roles={roles} />
      ) : (
        <Forbidden />
      );
  }
}

function Problem({ title, children }: { title: string; children: ReactNode }) {
  return (
    <>
      <PageHeader title={title} />
      <p className="alert alert--warning">{children}</p>
    </>
  );
}

function Forbidden() {
  return (
    <Problem title="権限がありません">
      この画面を表示する権限がありません。必要な場合はセンターの管理者に連絡してください。
    </Problem>
  );
}

function NoCenters() {
  const session = useSession();
  return (
    <Problem title="センターがありません">
      利用できるセンターが割り当てられていません。
      {can.createCenter(session) ? (
        <>
          {' '}
          <Link to="/centers/new">センターを追加</Link>してください。
        </>
      ) : (
        'センターの管理者に連絡してください。'
      )}
    </Problem>
  );
}

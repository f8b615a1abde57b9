import { type ReactNode, useEffect } from 'react';
import { Loading, PageHeader } from '../components/page.tsx';
import { AuditPage } from '../features/audit/audit-page.tsx';
import { AccountPage } from '../features/auth/account-page.tsx';
import { LoginPage } from '../features/auth/login-page.tsx';
import { PasswordExpiredPage } from '../features/auth/password-expired-page.tsx';
import { CenterSettingsPage } from '../features/center-settings/center-settings-page.tsx';
import { NewCenterPage } from '../features/centers/new-center-page.tsx';
import { HomePage } from '../features/home/home-page.tsx';
import { JobsPage } from '../features/jobs/jobs-page.tsx';
import { StaffPage } from '../features/staff/staff-page.tsx';
import { errorText } from '../lib/api.ts';
import { can, effectiveRoles } from '../lib/permissions.ts';
import { centerHref, Link, navigate, useRoute } from '../lib/router.tsx';
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

  const routeSlug = route.name === 'center' ? route.slug : null;
  const stored = storedCenterSlug();
  const center =
    centers.find((c) => c.slug === routeSlug) ??
    (routeSlug === null ? (centers.find((c) => c.slug === stored) ?? centers[0]) : undefined);

  useEffect(() => {
    if (route.name === 'center' && center) storeCenterSlug(center.slug);
  }, [route.name, center]);

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

  return (
    <Shell center={center} page={route.name === 'center' ? route.page : null}>
      {content}
    </Shell>
  );
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

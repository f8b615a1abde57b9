import type { Role, Session, SessionCenter } from '@madoguchi/contracts';

/** Roles that count in a centre; a system administrator acts as that centre's admin. */
export function effectiveRoles(session: Session, center: SessionCenter | undefined): Set<Role> {
  const roles = new Set<Role>(center?.roles ?? []);
  if (session.user.systemAdmin) roles.add('admin');
  return roles;
}

function hasAny(roles: Set<Role>, wanted: readonly Role[]): boolean {
  return wanted.some((r) => roles.has(r));
}

/** What the console offers; the server enforces the same rules. */
export const can = {
  /** センター設定, スタッフ管理, 監査ログ. */
  manageCenter: (roles: Set<Role>) => hasAny(roles, ['admin', 'manager']),
  /** Name, description, business hours, lines, departments. */
  editCenterCore: (roles: Set<Role>) => roles.has('admin'),
  /** Closures, category axes and categories. */
  editCalendarAndCategories: (roles: Set<Role>) => hasAny(roles, ['admin', 'manager']),
  viewJobs: (session: Session) =>
    session.user.systemAdmin || session.centers.some((c) => c.roles.includes('admin')),
  createCenter: (session: Session) => session.user.systemAdmin,
  /** 公開サイト設定 (public-settings.policy.ts): the centre admin. */
  editPublicSettings: (roles: Set<Role>) => roles.has('admin'),
  /** お知らせバナー: also managers and supervisors, who run the floor during an incident. */
  setPublicNotice: (roles: Set<Role>) => hasAny(roles, ['admin', 'manager', 'supervisor']),

  // ── FAQ (issue 3); the server's faq.policy.ts and faq-transfer.policy.ts decide ──
  /** FAQ検索, FAQ一覧, 詳細, 履歴, コメントを読む, ランキング: every staff member of the centre. */
  viewFaq: (roles: Set<Role>) => roles.size > 0,
  /** Create, edit, delete, restore, review (確認済みにする), attachments, deleted FAQs. */
  editFaq: (roles: Set<Role>) => hasAny(roles, ['faq_editor', 'admin']),
  /** Write a comment: editors and supervisors; department staff on their own department's FAQs. */
  commentFaq: (roles: Set<Role>) => hasAny(roles, ['faq_editor', 'admin', 'supervisor', 'department_staff']),
  /** 「この FAQ で回答した」: those who answer citizens. */
  recordFaqUse: (roles: Set<Role>) =>
    hasAny(roles, ['operator', 'supervisor', 'manager', 'admin', 'faq_editor']),
  /** 同義語. */
  manageSynonyms: (roles: Set<Role>) => hasAny(roles, ['faq_editor', 'admin']),
  /** The import half of 入出力. */
  importFaq: (roles: Set<Role>) => hasAny(roles, ['faq_editor', 'admin']),
  /** The export half of 入出力 (and the list's export buttons). */
  exportFaq: (roles: Set<Role>) => hasAny(roles, ['faq_editor', 'admin', 'manager', 'supervisor']),
  /** 検索分析. */
  viewSearchAnalytics: (roles: Set<Role>) => hasAny(roles, ['faq_editor', 'supervisor', 'manager', 'admin']),
  /** 満足度 (citizens' votes, faq-votes.policy.ts): the numbers. */
  viewVoteStats: (roles: Set<Role>) => hasAny(roles, ['faq_editor', 'supervisor', 'manager', 'admin']),
  /** Citizens' comments with their votes (may hold personal data; each reading is audited). */
  viewVoteComments: (roles: Set<Role>) => hasAny(roles, ['faq_editor', 'manager', 'admin']),
};

/** Modules planned but not built yet, with the roles that will use them. */
export const upcomingModules: { label: string; roles: readonly Role[] }[] = [
  { label: '応対履歴', roles: ['operator', 'supervisor', 'manager', 'admin'] },
  { label: '引継ぎ（所管課）', roles: ['operator', 'supervisor', 'manager', 'department_staff', 'admin'] },
  { label: '電話・リアルタイム', roles: ['operator', 'supervisor', 'manager', 'admin'] },
  { label: 'レポート', roles: ['supervisor', 'manager', 'admin'] },
  { label: '要員計画', roles: ['supervisor', 'manager', 'admin'] },
];

export function visibleUpcomingModules(roles: Set<Role>): string[] {
  return upcomingModules.filter((m) => hasAny(roles, m.roles)).map((m) => m.label);
}

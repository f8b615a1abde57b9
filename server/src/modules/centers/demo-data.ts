// Demo data for `madoguchi start --demo`: two centres that look like the real thing, inserted by the seeder
// through the services. Everything here is fictional: names of people, phone numbers, the app.
//
// Phone numbers use exchange code 00 (0246-00-xxxx): Japanese local exchange codes never start with 0, so
// these numbers cannot reach anyone.
import type { ClosureInput, RelatedContact, Role, WeeklyHours } from '@madoguchi/contracts';
import { defaultCenterHours, defaultClosures, defaultDepartmentHours } from './calendar.ts';

export interface DemoStaff {
  loginId: string;
  displayName: string;
  /** `department` is a department name of the same centre, required for department_staff. */
  roles: { role: Role; department?: string }[];
  systemAdmin?: boolean;
}

export interface DemoCenter {
  center: {
    slug: string;
    name: string;
    kind: 'general' | 'specific';
    description: string;
    businessHours: WeeklyHours;
  };
  lines: { number: string; label: string }[];
  closures: ClosureInput[];
  departments: { code: string; name: string; phone: string; officeHours: WeeklyHours }[];
  categoryAxes: { key: string; name: string; categories: string[] }[];
  staff: DemoStaff[];
  /** The public site's introduction and the city's specific call centres (seed 004 第2-8(3)). */
  publicSite?: { introduction: string; relatedContacts: RelatedContact[] };
}

/** One password for every demo login (≥ 12 characters, four character classes, no login ID inside). */
export const demoPassword = 'Kiku#Tanpopo-2026';

// People who work in both centres: the centre switcher needs someone to switch.
const sharedAdmin: DemoStaff = {
  loginId: 'admin',
  displayName: '遠藤 真一',
  roles: [{ role: 'admin' }],
  systemAdmin: true,
};
const sharedManager: DemoStaff = {
  loginId: 'manager',
  displayName: '鈴木 美咲',
  roles: [{ role: 'manager' }],
};

/** Office hours with one weekday or Saturday changed; demo variations on the city's usual 8:30–17:15. */
function officeHours(changes: Partial<WeeklyHours> = {}): WeeklyHours {
  return { ...defaultDepartmentHours(), ...changes };
}

const iwakiDepartment = (code: string, name: string, extension: string, hours = officeHours()) => ({
  code,
  name,
  phone: `0246-00-${extension}`,
  officeHours: hours,
});

const iwaki: DemoCenter = {
  center: {
    slug: 'iwaki',
    name: 'いわき市総合コールセンター（デモ）',
    kind: 'general',
    description:
      '市政に関する問合せに一元的に応対する総合コールセンター（デモ用の架空データ）。代表電話の電話交換、' +
      'ＦＡＱを活用した問合せ応対、意見・要望の受付、所管課への取次ぎ・折り返し依頼の進行管理を行い、' +
      '閉庁時間や土日祝日も応対します。運営時間は平日 8:30〜19:00、土日祝日 8:30〜17:00、' +
      '12月29日〜1月3日は休業です。',
    // seed 004 第2-6
    businessHours: defaultCenterHours(),
  },
  lines: [
    { number: '0246-00-1000', label: '代表電話' },
    { number: '0246-00-1100', label: '総合案内（コールセンター直通）' },
    { number: '0246-00-1200', label: '市税・保険料 専用ダイヤル' },
    { number: '0246-00-1900', label: 'FAX' },
  ],
  closures: defaultClosures(),
  departments: [
    // Demo variation: the residents' counter stays open until 19:00 on Thursdays.
    iwakiDepartment('shimin', '市民課', '2101', officeHours({ thu: { opens: '08:30', closes: '19:00' } })),
    iwakiDepartment('hoken-nenkin', '保険年金課', '2102'),
    iwakiDepartment('shiminzei', '市民税課', '2111'),
    iwakiDepartment('shisanzei', '資産税課', '2112'),
    // Demo variation: payment consultations on Saturday mornings.
    iwakiDepartment('shuno', '収納対策課', '2113', officeHours({ sat: { opens: '09:00', closes: '12:00' } })),
    iwakiDepartment('gomi', 'ごみ減量推進課', '2201'),
    iwakiDepartment('kankyo', '環境整備課', '2202'),
    iwakiDepartment('kodomo', 'こども家庭課', '2301'),
    iwakiDepartment('hoiku', '保育課', '2302'),
    iwakiDepartment('shogai', '障がい福祉課', '2311'),
    iwakiDepartment('choju', '長寿介護課', '2312'),
    iwakiDepartment('kenko', '健康づくり推進課', '2321'),
    iwakiDepartment('doro', '道路管理課', '2401'),
    iwakiDepartment('gesuido', '下水道管理課', '2402'),
    iwakiDepartment('jutaku', '住宅営繕課', '2403'),
    iwakiDepartment('koen', '公園緑地課', '2404'),
    iwakiDepartment('kotsu', '交通政策課', '2405'),
    iwakiDepartment('kiki', '危機管理課', '2501'),
    iwakiDepartment('tabunka', '国際交流・多文化共生課', '2601'),
    iwakiDepartment('kanko', '観光振興課', '2602'),
    iwakiDepartment('shoko', '商工労政課', '2603'),
    iwakiDepartment('kocho', '広聴広報課', '2701'),
    iwakiDepartment('gakko', '教育委員会 学校教育課', '2801'),
    iwakiDepartment('senkyo', '選挙管理委員会事務局', '2901'),
  ],
  // The public FAQ site browses by field, life event, department and frequent keywords (seed 004 第2-8);
  // departments are an axis of their own already, so they are not repeated here.
  categoryAxes: [
    {
      key: 'field',
      name: '行政分野',
      categories: [
        '戸籍・住民票',
        '税金',
        '国民健康保険・年金',
        '子育て・教育',
        '福祉・介護',
        '健康・医療',
        'ごみ・環境',
        '住まい・道路',
        '防災・安全',
        '観光・文化・スポーツ',
        '産業・仕事',
        '市政・その他',
      ],
    },
    {
      key: 'life_event',
      name: 'ライフイベント',
      categories: [
        '妊娠・出産',
        '入園・入学',
        '就職・退職',
        '結婚・離婚',
        '引越し',
        '高齢・介護',
        'おくやみ',
      ],
    },
    {
      key: 'keyword',
      name: 'よく見られているキーワード',
      categories: [
        'マイナンバーカード',
        '住民票',
        '戸籍',
        '印鑑登録',
        '転入・転出',
        '粗大ごみ',
        'ごみの分別',
        '児童手当',
        '保育所',
        '国民健康保険',
        '介護保険',
        '市県民税',
        '固定資産税',
        '予防接種',
        '避難所',
        '市営住宅',
      ],
    },
  ],
  publicSite: {
    introduction:
      'いわき市総合コールセンターは、市役所の手続きや制度、施設、イベントなどについてのお問い合わせに、' +
      'お電話とメールでお答えする窓口です。平日の夜間や土日祝日もご利用いただけます。\n\n' +
      'お問い合わせの前に、よくある質問もご覧ください。担当課での確認が必要な内容は、担当課から折り返し' +
      'ご連絡します（このサイトはデモ用の架空データです）。',
    relatedContacts: [
      {
        name: '市税コールセンター（市民税・固定資産税・納付）',
        phone: '0246-00-1210',
        hours: '平日 8:30〜17:15',
        url: '',
        note: '税額の内容、納付書の再発行、口座振替のお申込みなど',
      },
      {
        name: '国民健康保険・年金ダイヤル',
        phone: '0246-00-1220',
        hours: '平日 8:30〜17:15',
        url: '',
        note: '加入・脱退の手続き、保険税、保険証、国民年金の届出など',
      },
      {
        name: '介護保険・高齢者福祉相談ダイヤル',
        phone: '0246-00-1230',
        hours: '平日 8:30〜17:15',
        url: '',
        note: '要介護認定の申請、介護保険料、高齢者の見守りなど',
      },
      {
        name: '子育てサポートダイヤル',
        phone: '0246-00-1240',
        hours: '平日 8:30〜19:00、土曜日 9:00〜12:00',
        url: '',
        note: '児童手当、保育所の入所、子育ての悩みごと',
      },
      {
        name: '粗大ごみ受付センター',
        phone: '0246-00-1250',
        hours: '月〜土 8:30〜17:00',
        url: '',
        note: '粗大ごみの収集申込み（前日までに予約が必要です）',
      },
      {
        name: '休日・夜間救急医療案内',
        phone: '0246-00-1260',
        hours: '24時間',
        url: '',
        note: '受診できる医療機関のご案内。急病で迷ったときは救急安心センター（#7119）へ',
      },
    ],
  },
  staff: [
    sharedAdmin,
    sharedManager,
    { loginId: 'sv01', displayName: '渡辺 健太', roles: [{ role: 'supervisor' }] },
    { loginId: 'op01', displayName: '高橋 さくら', roles: [{ role: 'operator' }] },
    { loginId: 'op02', displayName: '伊藤 大輔', roles: [{ role: 'operator' }] },
    { loginId: 'op03', displayName: '山本 由美', roles: [{ role: 'operator' }] },
    { loginId: 'faq01', displayName: '中村 恵子', roles: [{ role: 'faq_editor' }] },
    {
      loginId: 'dept-shimin',
      displayName: '小林 和也',
      roles: [{ role: 'department_staff', department: '市民課' }],
    },
    {
      loginId: 'dept-gomi',
      displayName: '加藤 直樹',
      roles: [{ role: 'department_staff', department: 'ごみ減量推進課' }],
    },
  ],
};

// A 特定コールセンター modelled on seed 002 (a prefecture's health-mileage app help desk); the app and
// its name are fictional. Seed 002 gives call counts for weekdays only and leaves out 春分の日 (No. 20),
// so the phone desk runs on weekdays and is closed on weekends and holidays; e-mail arriving then is
// answered the next morning. The seed does not state the hours: 9:00–17:00 is an assumption.
const alkooWeekday = () => ({ opens: '09:00', closes: '17:00' });
const alkoo: DemoCenter = {
  center: {
    slug: 'alkoo',
    name: '健康マイレージアプリ ヘルプデスク（デモ）',
    kind: 'specific',
    description:
      '歩数や健診受診でポイントが貯まり、ポイントで抽選に応募できる健康マイレージアプリの参加者向け' +
      'ヘルプデスク（デモ用の架空データ）。アプリの操作方法、ポイント・抽選、アカウント等の相談・質問・苦情に' +
      '電話と電子メールで応対し、回答できないものは主管課またはアプリ保守窓口へエスカレーションします。' +
      '受付時間は平日 9:00〜17:00（土日祝日・年末年始を除く）です。',
    businessHours: {
      mon: alkooWeekday(),
      tue: alkooWeekday(),
      wed: alkooWeekday(),
      thu: alkooWeekday(),
      fri: alkooWeekday(),
      sat: null,
      sun: null,
      holiday: null,
    },
  },
  lines: [
    { number: '0246-00-3000', label: 'ヘルプデスク' },
    { number: '0246-00-3001', label: '抽選期間 臨時ダイヤル' },
  ],
  closures: [
    ...defaultClosures(),
    { kind: 'dated', label: 'アプリ更新作業に伴う臨時休業（デモ）', start: '2027-03-31', end: '2027-03-31' },
  ],
  departments: [
    { code: 'choju', name: '健康長寿課', phone: '0246-00-3100', officeHours: officeHours() },
    {
      code: 'vendor',
      name: 'アプリ保守窓口（委託事業者）',
      phone: '0246-00-3200',
      officeHours: officeHours({
        mon: { opens: '09:00', closes: '18:00' },
        tue: { opens: '09:00', closes: '18:00' },
        wed: { opens: '09:00', closes: '18:00' },
        thu: { opens: '09:00', closes: '18:00' },
        fri: { opens: '09:00', closes: '18:00' },
      }),
    },
    { code: 'prize', name: '抽選・景品発送事務局', phone: '0246-00-3300', officeHours: officeHours() },
  ],
  categoryAxes: [
    {
      key: 'topic',
      name: '問合せ内容',
      // Seed 002 No. 15: app operation is about 80 % of all inquiries, so it comes first.
      categories: [
        'アプリの操作',
        'ポイント・抽選',
        'アカウント・ログイン',
        '歩数計測',
        '端末・OS',
        '参加登録・退会',
        '個人情報・その他',
      ],
    },
    { key: 'device', name: '端末', categories: ['iPhone（iOS）', 'Android', 'タブレット', '不明・その他'] },
    {
      key: 'caller',
      name: '問合せ者',
      // Seed 002 No. 14: there are manuals for participants and for administrators.
      categories: ['参加者', '参加を検討中の方', '団体・事業所の管理者', 'その他'],
    },
  ],
  publicSite: {
    introduction:
      '健康マイレージアプリの使い方、ポイント・抽選、アカウントについてのご質問にお答えするヘルプデスクです。' +
      '受付時間は平日 9:00〜17:00 です（このサイトはデモ用の架空データです）。',
    relatedContacts: [
      {
        name: '健康長寿課（健康マイレージ事業について）',
        phone: '0246-00-3100',
        hours: '平日 8:30〜17:15',
        url: '',
        note: '事業の内容、参加団体の登録について',
      },
      {
        name: '抽選・景品発送事務局',
        phone: '0246-00-3300',
        hours: '平日 9:00〜17:00',
        url: '',
        note: '当選した景品が届かないとき',
      },
    ],
  },
  staff: [
    sharedAdmin,
    sharedManager,
    // Seed 002 No. 6: both a supervisor (SV) and a leader (LD) are required.
    {
      loginId: 'alkoo-sv',
      displayName: '森田 亜希子',
      roles: [{ role: 'supervisor' }, { role: 'faq_editor' }],
    },
    { loginId: 'alkoo-ld', displayName: '石川 翔', roles: [{ role: 'supervisor' }] },
    { loginId: 'alkoo-op01', displayName: '松本 奈々', roles: [{ role: 'operator' }] },
    { loginId: 'alkoo-op02', displayName: '井上 拓也', roles: [{ role: 'operator' }] },
    { loginId: 'alkoo-op03', displayName: '木村 陽子', roles: [{ role: 'operator' }] },
    {
      loginId: 'alkoo-choju',
      displayName: '斎藤 誠',
      roles: [{ role: 'department_staff', department: '健康長寿課' }],
    },
    {
      loginId: 'alkoo-vendor',
      displayName: '清水 隆',
      roles: [{ role: 'department_staff', department: 'アプリ保守窓口（委託事業者）' }],
    },
  ],
};

export const demoCenters: DemoCenter[] = [iwaki, alkoo];

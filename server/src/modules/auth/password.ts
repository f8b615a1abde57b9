import { hash, verify } from '@node-rs/argon2';

// argon2id with the OWASP-recommended minimum (19 MiB, 2 passes); the library's default variant is argon2id.
const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verified against when the login ID is unknown, so that the answer takes as long as for a real account.
let dummyHash: Promise<string> | null = null;
export async function verifyDummy(password: string): Promise<void> {
  dummyHash ??= hashPassword('madoguchi-timing-equaliser');
  await verifyPassword(await dummyHash, password);
}

const COMMON_PASSWORDS = new Set([
  'password',
  'password1',
  'password123',
  '123456789012',
  'qwertyuiop',
  'administrator',
  'madoguchi',
  'iloveyou',
  'letmein',
]);

/**
 * The password rules, as Japanese sentences naming each rule broken (empty when the password is accepted):
 * a minimum length, at least three kinds of character, not the login ID, not a well-known password.
 */
export function passwordProblems(password: string, loginId: string, minLength: number): string[] {
  const problems: string[] = [];
  if ([...password].length < minLength) problems.push(`${minLength}文字以上にしてください。`);
  if (password.length > 256) problems.push('256文字以下にしてください。');
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (kinds < 3) problems.push('英小文字・英大文字・数字・記号のうち3種類以上を含めてください。');
  if (loginId && password.toLowerCase().includes(loginId.toLowerCase())) {
    problems.push('ログインIDを含めないでください。');
  }
  if (/^(.)\1+$/.test(password) || COMMON_PASSWORDS.has(password.toLowerCase())) {
    problems.push('推測されやすいパスワードは使えません。');
  }
  return problems;
}

import iconv from 'iconv-lite';

// Text ⇄ bytes for FAQ files: UTF-8 with BOM (the default) and Shift_JIS as Windows writes it (CP932, with
// the NEC and IBM extensions such as 髙 﨑 ①), for older Excel.

/** The encodings a CSV export can be written in. */
export type CsvEncoding = 'utf8bom' | 'cp932';

/** Japanese names of the encodings, for messages and the preview. */
export const encodingLabels: Record<CsvEncoding, string> = {
  utf8bom: 'UTF-8（BOM付き）',
  cp932: 'Shift_JIS（CP932）',
};

/**
 * Characters that JIS X 0208 and CP932 map differently, written as Windows writes them (WideCharToMultiByte):
 * 〜 and ～ both become 0x8160, − and － both 0x817C, and so on. iconv-lite itself already writes ¥ as 0x5C and
 * ‾ as 0x7E. Read back, each byte gives the Windows character (the right-hand side).
 */
export const cp932Substitutes: ReadonlyMap<string, string> = new Map([
  ['\u301C', '\uFF5E'], // WAVE DASH 〜 → FULLWIDTH TILDE ～
  ['\u2212', '\uFF0D'], // MINUS SIGN − → FULLWIDTH HYPHEN-MINUS －
  ['\u2016', '\u2225'], // DOUBLE VERTICAL LINE ‖ → PARALLEL TO ∥
  ['\u2014', '\u2015'], // EM DASH — → HORIZONTAL BAR ―
  ['\u00A2', '\uFFE0'], // ¢ → ￠
  ['\u00A3', '\uFFE1'], // £ → ￡
  ['\u00AC', '\uFFE2'], // ¬ → ￢
  ['\u00A6', '\uFFE4'], // ¦ → ￤
  ['\u00A0', ' '], // NO-BREAK SPACE (pasted from web pages) → space
]);

const encodable = new Map<string, boolean>();

/** Whether one character (code point) can be written in CP932 after the substitutions above. */
export function isCp932Encodable(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x80) return true;
  let known = encodable.get(char);
  if (known === undefined) {
    const mapped = cp932Substitutes.get(char) ?? char;
    // iconv-lite writes '?' for what it cannot encode: the only way to tell is that a non-'?' became '?'.
    known = !iconv.encode(mapped, 'cp932').includes(0x3f);
    encodable.set(char, known);
  }
  return known;
}

/** The distinct characters of `text` that CP932 cannot hold, in order of first appearance. */
export function unencodableInCp932(text: string): string[] {
  const found = new Set<string>();
  for (const char of text) if (!isCp932Encodable(char)) found.add(char);
  return [...found];
}

/** Every cell of a grid that CP932 cannot hold: 1-based row (the header is row 1), column index, characters. */
export function findCp932Problems(
  grid: readonly (readonly string[])[],
): { row: number; column: number; characters: string[] }[] {
  const problems: { row: number; column: number; characters: string[] }[] = [];
  grid.forEach((cells, i) => {
    cells.forEach((cell, column) => {
      const characters = unencodableInCp932(cell);
      if (characters.length) problems.push({ row: i + 1, column, characters });
    });
  });
  return problems;
}

function substitute(text: string): string {
  let out = '';
  for (const char of text) out += cp932Substitutes.get(char) ?? char;
  return out;
}

/**
 * Encodes text as CP932. Refuses (throws) rather than write '?' for a character that cannot be held: callers
 * check with `unencodableInCp932` first and tell the user which rows and characters are affected.
 */
export function encodeCp932(text: string): Buffer {
  const bad = unencodableInCp932(text);
  if (bad.length) throw new RangeError(`not encodable in CP932: ${bad.join(' ')}`);
  return iconv.encode(substitute(text), 'cp932');
}

const roundTrips = new Map<string, string>();

/**
 * What a text becomes after being written to and read back from a CP932 file (〜 → ～, ¥ → \ …). An import
 * from CP932 compares a cell with this form of the stored text: if they agree, the file did not change it.
 * Characters CP932 cannot hold stay as they are (no file read as CP932 contains them, so they never agree).
 */
export function cp932RoundTrip(text: string): string {
  // ASCII passes through CP932 unchanged: most cells need no per-character work.
  if (!/[^\u0020-\u007E\n\r\t]/.test(text)) return text;
  let out = '';
  for (const char of text) {
    let back = roundTrips.get(char);
    if (back === undefined) {
      back = isCp932Encodable(char) ? iconv.decode(iconv.encode(substitute(char), 'cp932'), 'cp932') : char;
      roundTrips.set(char, back);
    }
    out += back;
  }
  return out;
}

/** The result of reading an uploaded file's bytes as text. */
export type DecodedText =
  | { ok: true; encoding: CsvEncoding | 'utf8'; text: string }
  | { ok: false; message: string };

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Sniffs and decodes: a UTF-8 BOM means UTF-8; bytes that are valid UTF-8 are UTF-8; otherwise CP932 if every
 * byte sequence is defined there; otherwise refused. Never guesses silently into mojibake.
 */
export function decodeFileText(bytes: Uint8Array): DecodedText {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (
    buffer.length >= 2 &&
    ((buffer[0] === 0xff && buffer[1] === 0xfe) || (buffer[0] === 0xfe && buffer[1] === 0xff))
  )
    return {
      ok: false,
      message:
        'UTF-16のファイル（Excelの「Unicode テキスト」）は読めません。「CSV UTF-8（コンマ区切り）」で保存し直してください。',
    };
  if (buffer.subarray(0, 3).equals(BOM)) {
    try {
      return {
        ok: true,
        encoding: 'utf8bom',
        text: new TextDecoder('utf-8', { fatal: true }).decode(buffer.subarray(3)),
      };
    } catch {
      return {
        ok: false,
        message:
          `UTF-8のBOMが付いていますが、UTF-8として読めない部分があります（${badLine(new TextDecoder().decode(buffer.subarray(3)))}行目付近）。` +
          'ファイルが壊れていないか確認してください。',
      };
    }
  }
  try {
    return { ok: true, encoding: 'utf8', text: new TextDecoder('utf-8', { fatal: true }).decode(buffer) };
  } catch {
    // Not UTF-8: Shift_JIS (CP932) from older Excel is the one other encoding accepted.
  }
  const text = iconv.decode(buffer, 'cp932');
  // User-defined characters (外字, 0xF040–0xF9FC) decode to the private use area: readable nowhere else.
  const gaiji = /[\uE000-\uF8FF\u0080]/.exec(text);
  if (gaiji)
    return {
      ok: false,
      message:
        `Shift_JIS（CP932）の外字（利用者定義文字）が含まれています（${text.slice(0, gaiji.index).split('\n').length}行目付近）。` +
        '外字は取り込めません。通常の文字に置き換えてください。',
    };
  if (!text.includes('\uFFFD')) return { ok: true, encoding: 'cp932', text };
  return {
    ok: false,
    message:
      `文字コードを判定できません: UTF-8としてもShift_JIS（CP932）としても読めない部分があります（${badLine(text)}行目付近）。` +
      'UTF-8（BOM付き）またはShift_JISのCSVで保存し直してください。',
  };
}

/** The line of the first undecodable byte (U+FFFD in a lenient decoding). */
function badLine(text: string): number {
  return text.slice(0, Math.max(0, text.indexOf('\uFFFD'))).split('\n').length;
}

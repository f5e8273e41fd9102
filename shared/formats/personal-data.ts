// Residents' personal data on census points: names, phones and identity numbers, recognised by the key
// a table gives them (in Chinese, English or pinyin initials) or by what the value looks like. It stays
// local (CensusPoint.personal) and is exported only when asked for.

/**
 * Property keys on census points that hold residents' personal data. They are kept locally in
 * `CensusPoint.personal` and written on export only when the user asks for it.
 */
export const PERSONAL_KEYS: readonly string[] = [
  'residentName',
  'residentNames',
  'name',
  'phone',
  'mobile',
  'contact',
  'idNumber',
  '姓名',
  '户主',
  '户主姓名',
  '电话',
  '联系电话',
  '手机',
  '身份证号',
];

/** Words of personal keys beyond the exact list: any key containing one is a resident's personal data. */
const PERSONAL_KEY_PARTS = /姓名|户主|电话|手机|身份证|联系人|联系方式|证件号/;
/**
 * Whole keys that name a person without saying "name": 住户 (the household living there), 居民, 户名,
 * 房主, 业主, 租户. Only whole keys: 居民户数 or 业主委员会 are not a person.
 */
const PERSON_KEYS = /^(住户|居民|户名|房主|业主|租户|住户名|居民名|住户名称)$/;
/**
 * English keys, compared without case, `_`, `-` or spaces (`PHONE`, `Names`, `ID_No` ...), beyond those
 * that {@link PERSONAL_KEY_WORD_PARTS} finds anywhere in a key.
 */
const PERSONAL_KEY_WORDS = new Set([
  ...PERSONAL_KEYS.map((key) => key.toLowerCase()),
  'names',
  'tel',
  'idno',
  'ownername',
]);

/** Parts of English keys, compared without case or separators: `mobile_phone`, `cellPhone`, `HouseholderTel`. */
const PERSONAL_KEY_WORD_PARTS = /phone|mobile|idcard|idnumber|householder|residentname|contact/;

/**
 * Pinyin initials of personal fields, as Chinese tables name them: 姓名 XM, 户主姓名 HZXM, 居民姓名 JMXM,
 * 户主 HZ, 联系人 LXR, 联系电话 LXDH, 电话 DH, 户主电话 HZDH, 手机(号码) SJ/SJH/SJHM, 联系方式 LXFS,
 * 身份证(号/号码) SFZ/SFZH/SFZHM, 证件号码 ZJHM.
 */
const PERSONAL_INITIALS = new Set([
  'xm',
  'hzxm',
  'jmxm',
  'hz',
  'lxr',
  'lxdh',
  'dh',
  'hzdh',
  'sj',
  'sjh',
  'sjhm',
  'lxfs',
  'sfz',
  'sfzh',
  'sfzhm',
  'zjhm',
]);

/**
 * True when a census property's key names residents' personal data (names, phones, identity numbers):
 * the keys of {@link PERSONAL_KEYS} in any case or spelling of separators, English keys with phone,
 * mobile, contact, ID card or householder in them, pinyin initials (LXDH, HZXM …), and any key with 姓名,
 * 户主, 电话, 手机, 身份证, 联系人 in it.
 */
export function isPersonalKey(key: string): boolean {
  const plain = key.toLowerCase().replace(/[\s_-]/g, '');
  return (
    PERSONAL_KEY_WORDS.has(plain) ||
    PERSONAL_INITIALS.has(plain) ||
    PERSONAL_KEY_WORD_PARTS.test(plain) ||
    PERSONAL_KEY_PARTS.test(key) ||
    PERSON_KEYS.test(key.trim())
  );
}

/** A mainland mobile number, with or without +86 and separators. */
const MOBILE = /^(\+?86)?1[3-9]\d{9}$/;
/** A landline written with its area code apart: 0813-1234567, (0813)1234567. */
const LANDLINE = /^(\(0\d{2,3}\)|0\d{2,3}-)\d{7,8}$/;
/** A resident identity card number: area, birth date (1800–2099), sequence and check digit. */
const IDENTITY_NUMBER = /^\d{6}(18|19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{3}[\dXx]$/;

/**
 * The same inside a longer text (户主赵六 电话 139 1234 5678), never as part of a longer run of digits: a
 * mobile number with an optional +86/0086 and its digits written 3-4-4 with or without a space or a
 * hyphen; a landline with its area code apart; an identity number written 6-8-4, whose check digit must
 * be right (an 18-digit micro-grid code in a note is not one).
 */
const MOBILE_IN_TEXT = /(?<![\d+])(?:(?:\+|00)?86[\s-]?)?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?![\d])/;
const LANDLINE_IN_TEXT = /(?<!\d)(\(0\d{2,3}\)|0\d{2,3}-)\d{7,8}(?!\d)/;
const IDENTITY_NUMBER_IN_TEXT =
  /(?<!\d)(\d{6})[\s-]?((?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))[\s-]?(\d{3}[\dXx])(?![\dXx])/g;
/** Texts longer than this are not searched (a note is a few hundred characters; bounded time). */
const MAX_SEARCHED_CHARS = 10_000;

/** The check digit of an identity number's first 17 digits (GB 11643, ISO 7064 MOD 11-2). */
function identityCheckDigit(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * weights[i]!;
  return '10X98765432'[sum % 11]!;
}

function holdsIdentityNumber(text: string): boolean {
  for (const match of text.matchAll(IDENTITY_NUMBER_IN_TEXT)) {
    const digits = `${match[1]!}${match[2]!}${match[3]!}`.toUpperCase();
    if (identityCheckDigit(digits.slice(0, 17)) === digits[17]) return true;
  }
  return false;
}

/**
 * True when a value reads as a phone or identity number, or a text holds one (a remark naming the
 * householder's phone), whatever its key is called.
 */
export function looksPersonal(value: unknown): boolean {
  if (typeof value !== 'string' && typeof value !== 'number') return false;
  const text = String(value).trim();
  if (text.length < 11) return false;
  if (text.length <= 24) {
    const digits = text.replace(/[\s-]/g, '');
    if (MOBILE.test(digits) || LANDLINE.test(text.replace(/\s/g, '')) || IDENTITY_NUMBER.test(digits)) {
      return true;
    }
  }
  if (typeof value !== 'string') return false;
  if (text.length > MAX_SEARCHED_CHARS) return true; // unread, so not let out
  return MOBILE_IN_TEXT.test(text) || LANDLINE_IN_TEXT.test(text) || holdsIdentityNumber(text);
}

/**
 * True when a census property holds residents' personal data: its key says so ({@link isPersonalKey}) or
 * its value reads as a phone or identity number ({@link looksPersonal}), under whatever name another tool
 * gave it. Such values are kept in `CensusPoint.personal` and, should one have reached `extra`, left out
 * of every export unless personal data is asked for.
 */
export function isPersonalField(key: string, value: unknown): boolean {
  return isPersonalKey(key) || looksPersonal(value);
}

// The database URL (`--db`, the app's 市级库 connection) may carry a password: in its userinfo
// (`postgres://user:secret@host/db`) or as a query parameter (`?password=secret`, `?sslpassword=…`,
// both read by libpq and node-postgres). Nothing GridPlan shows may contain it (docs/city-office.md,
// "Secrets"). A password may hold unencoded '@', '/', '?' or '#', so where the URL cannot be split
// into userinfo and host without guessing, the whole URL is shown as `***`.

/** `scheme://` at the start of a URL. */
const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * Whether a query (or keyword/value) parameter holds a secret: `password` and `sslpassword` (libpq,
 * node-postgres) and, generously, anything else named like a password, secret or token. Matched
 * case-insensitively. File paths (`passfile`, `sslkey`, `sslcert`) are not secrets.
 */
function isSecretKey(key: string): boolean {
  const name = key.trim().toLowerCase();
  return name === 'pass' || /password|passwd|pwd|secret|token/.test(name);
}

/** Decodes `%XX` runs that decode, leaving the rest as written (as URLSearchParams does). */
function percentDecode(text: string): string {
  return text.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

/** A query component as URLSearchParams reads it: '+' is a space. */
function queryDecode(text: string): string {
  return percentDecode(text.replace(/\+/g, ' '));
}

/** Where the userinfo of `rest` (the URL after `scheme://`) can end. */
interface UserInfoEnds {
  /** The last '@' before the first '/', '?', '#' or '\': where a WHATWG URL parser (the driver's) ends it. */
  readonly parser: number;
  /** The last '@' anywhere: where it ends when the password holds an unencoded '/', '?' or '#'. */
  readonly last: number;
}

function userInfoEnds(rest: string): UserInfoEnds {
  const authorityEnd = rest.search(/[/?#\\]/);
  const authority = authorityEnd < 0 ? rest : rest.slice(0, authorityEnd);
  return { parser: authority.lastIndexOf('@'), last: rest.lastIndexOf('@') };
}

/** The query parameters of `text` (after its first '?', split at '&' only, so '#…' stays in a value). */
function queryParameters(text: string): { key: string; value: string | undefined }[] {
  const question = text.indexOf('?');
  if (question < 0) return [];
  return text
    .slice(question + 1)
    .split('&')
    .map((parameter) => {
      const equals = parameter.indexOf('=');
      return equals < 0
        ? { key: parameter, value: undefined }
        : { key: parameter.slice(0, equals), value: parameter.slice(equals + 1) };
    });
}

/** `text` with the value of every secret query parameter replaced by `***`. */
function redactQuery(text: string): string {
  const question = text.indexOf('?');
  if (question < 0) return text;
  const shown = queryParameters(text).map(({ key, value }) =>
    value === undefined ? key : `${key}=${isSecretKey(queryDecode(key)) ? '***' : value}`,
  );
  return `${text.slice(0, question + 1)}${shown.join('&')}`;
}

/**
 * The database URL as it may be shown: the password replaced by `***` (user, host, port and database
 * kept, so the planner sees which database was meant), and the value of every password-like query
 * parameter (`password`, `sslpassword`, …) replaced by `***`. The userinfo ends at the last '@' before
 * the host; when an '@' also follows the first '/', '?' or '#' (a password with an unencoded '/', an
 * '@' in the query), the URL cannot be split without guessing and is shown as `***`, as is a URL that
 * cannot be read.
 */
export function redactDatabaseUrl(url: string): string {
  const scheme = SCHEME.exec(url)?.[0];
  if (scheme === undefined) return '***';
  const rest = url.slice(scheme.length);
  const ends = userInfoEnds(rest);
  if (ends.parser !== ends.last) return '***';
  if (ends.parser < 0) return `${scheme}${redactQuery(rest)}`;
  const user = rest.slice(0, ends.parser).split(':')[0] ?? '';
  return `${scheme}${user}:***@${redactQuery(rest.slice(ends.parser + 1))}`;
}

// shared/ compiles without DOM or Node types (architecture.md), yet both hosts have URL: reach it
// through globalThis with the narrow shape used here.
interface ParsedUrl {
  password: string;
  readonly searchParams: Iterable<[string, string]>;
}
const platform = globalThis as unknown as {
  URL?: new (url: string, base?: string) => ParsedUrl;
};

/** The URL as node-postgres (pg-connection-string) parses it, or undefined where it cannot. */
function driverView(url: string): ParsedUrl | undefined {
  const Url = platform.URL;
  if (Url === undefined) return undefined;
  let text = url;
  try {
    if (/ |%[^a-f0-9]|%[a-f0-9][^a-f0-9]/i.test(text)) {
      text = encodeURI(text).replace(/%25(\d\d)/g, '%$1');
    }
    return new Url(text, 'postgres://base');
  } catch {
    try {
      return new Url(text.replace('@/', '@___DUMMY___/'), 'postgres://base');
    } catch {
      return undefined;
    }
  }
}

/** How a WHATWG URL writes `password` in its userinfo (encodes fewer characters than encodeURIComponent). */
function userInfoForm(password: string): string | undefined {
  const Url = platform.URL;
  if (Url === undefined) return undefined;
  try {
    const parsed = new Url('postgres://host');
    parsed.password = password;
    return parsed.password;
  } catch {
    return undefined;
  }
}

/** Every password the URL may carry, as written in it, under every reading (the driver's and ours). */
function secretsOf(url: string): { written: string[]; decoded: string[] } {
  const written = new Set<string>();
  const decoded = new Set<string>();
  const addQuery = (text: string) => {
    for (const { key, value } of queryParameters(text)) {
      if (value === undefined || !isSecretKey(queryDecode(key))) continue;
      written.add(value);
      decoded.add(queryDecode(value));
    }
  };
  const scheme = SCHEME.exec(url)?.[0];
  if (scheme !== undefined) {
    const rest = url.slice(scheme.length);
    const ends = userInfoEnds(rest);
    addQuery(rest);
    for (const end of new Set([ends.parser, ends.last])) {
      if (end < 0) continue;
      const userInfo = rest.slice(0, end);
      const colon = userInfo.indexOf(':');
      if (colon >= 0) written.add(userInfo.slice(colon + 1));
      addQuery(rest.slice(end + 1));
    }
  } else {
    // A keyword/value connection string (`host=… password=…`): never shown, but scrubbed all the same.
    for (const [, key = '', value = ''] of url.matchAll(/([\w.-]+)\s*=\s*('(?:[^'\\]|\\.)*'|\S+)/g)) {
      if (!isSecretKey(key)) continue;
      written.add(value);
      decoded.add(value.replace(/^'|'$/g, '').replace(/\\(.)/g, '$1'));
    }
  }
  const parsed = driverView(url);
  if (parsed !== undefined) {
    written.add(parsed.password);
    for (const [key, value] of parsed.searchParams) if (isSecretKey(key)) decoded.add(value);
  }
  for (const form of written) decoded.add(percentDecode(form));
  return { written: [...written], decoded: [...decoded] };
}

/** `encode(text)`, or undefined where it throws (a lone surrogate). */
function encoded(encode: (text: string) => string, text: string): string | undefined {
  try {
    return encode(text);
  } catch {
    return undefined;
  }
}

/** Each form in which `password` may appear in a message: raw, URL-encoded (every way), in any hex case. */
function formsOf(password: string): string[] {
  const component = encoded(encodeURIComponent, password);
  const forms = [
    password,
    component,
    component?.replace(/%20/g, '+'), // as URLSearchParams writes it
    encoded(encodeURI, password),
    userInfoForm(password),
  ].filter((form) => form !== undefined);
  return forms.flatMap((form) => [form, form.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase())]);
}

/**
 * A message (from the driver, the server, anything) with the database URL and its passwords (of the
 * userinfo and of password-like query parameters) removed, raw or URL-encoded: what is logged or
 * reported never carries them.
 */
export function scrubSecrets(message: string, url: string): string {
  let scrubbed = url.length > 0 ? message.split(url).join(redactDatabaseUrl(url)) : message;
  const { written, decoded } = secretsOf(url);
  const forms = new Set([...written, ...decoded.flatMap(formsOf)]);
  // Longest first, so that no part of a longer form survives the removal of a shorter one.
  for (const form of [...forms].filter((f) => f.length > 0).sort((a, b) => b.length - a.length)) {
    scrubbed = scrubbed.split(form).join('***');
  }
  return scrubbed;
}

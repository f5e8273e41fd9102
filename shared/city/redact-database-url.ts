/**
 * The database URL as it may be shown: the password replaced by `***` (user, host, port and database
 * kept, so the planner sees which database was meant). A URL that cannot be read is shown as `***`.
 */
export function redactDatabaseUrl(url: string): string {
  const match = /^([a-z][a-z0-9+.-]*:\/\/)([^@/]*@)?(.*)$/i.exec(url);
  if (!match) return '***';
  const [, scheme, userInfo, rest] = match;
  if (!userInfo) return `${scheme}${rest}`;
  const user = userInfo.slice(0, -1).split(':')[0] ?? '';
  return `${scheme}${user}:***@${rest}`;
}

/** The password of a database URL, decoded, or undefined when it has none. */
function passwordOf(url: string): string | undefined {
  const match = /^[a-z][a-z0-9+.-]*:\/\/[^:@/]*:([^@/]*)@/i.exec(url);
  if (!match?.[1]) return undefined;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return match[1];
  }
}

/**
 * A message (from the driver, the server, anything) with the database URL and its password removed,
 * raw or URL-encoded: what is logged or reported never carries them.
 */
export function scrubSecrets(message: string, url: string): string {
  let scrubbed = message.split(url).join(redactDatabaseUrl(url));
  const password = passwordOf(url);
  if (password !== undefined && password.length > 0) {
    for (const form of new Set([password, encodeURIComponent(password)])) {
      scrubbed = scrubbed.split(form).join('***');
    }
  }
  return scrubbed;
}

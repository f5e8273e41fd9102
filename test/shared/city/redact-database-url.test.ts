import fc from 'fast-check';
import { parse } from 'pg-connection-string';
import { describe, expect, it } from 'vitest';
import { redactDatabaseUrl, scrubSecrets } from '../../../shared/city/redact-database-url';

// The password never appears in anything GridPlan shows (docs/city-office.md, "Secrets"): not in the
// redacted URL, not in a scrubbed message, however the URL spells it. pg-connection-string is how
// node-postgres (scripts/city-pg-database.ts) reads the URL: what it would send as the password is
// what must not leak.

/** Every form a password can take in a driver's or server's message. */
function formsOf(password: string): string[] {
  const userInfo = new URL('postgres://host');
  userInfo.password = password;
  return [
    password,
    encodeURIComponent(password),
    encodeURI(password),
    userInfo.password,
    new URLSearchParams([['password', password]]).toString().slice('password='.length),
  ];
}

/** A message quoting the URL and the password in all its forms, as a careless driver might. */
function leakyMessage(url: string, password: string): string {
  return `connect to ${url} failed: password "${formsOf(password).join('" / "')}" refused`;
}

/** The password node-postgres would send, or undefined where it refuses the URL (then nothing is sent). */
function driverPassword(url: string): string | undefined {
  try {
    return parse(url).password;
  } catch {
    return undefined;
  }
}

function expectNoPassword(url: string, password: string): void {
  const shown = redactDatabaseUrl(url);
  const scrubbed = scrubSecrets(leakyMessage(url, password), url);
  for (const form of formsOf(password)) {
    expect(shown).not.toContain(form);
    expect(scrubbed).not.toContain(form);
  }
}

describe('redactDatabaseUrl: ordinary URLs redact as before', () => {
  it.each([
    [
      'postgres://planner:s3cret@db.example.cn:5432/gridplan',
      'postgres://planner:***@db.example.cn:5432/gridplan',
    ],
    ['postgres://planner@db.example.cn/gridplan', 'postgres://planner:***@db.example.cn/gridplan'],
    [
      'postgres://planner:s3cret@db.example.cn/gridplan?sslmode=require',
      'postgres://planner:***@db.example.cn/gridplan?sslmode=require',
    ],
  ])('%s', (url, shown) => {
    expect(redactDatabaseUrl(url)).toBe(shown);
  });

  it('leaves a URL without userinfo unchanged', () => {
    for (const url of [
      'postgres://db.example.cn:5432/gridplan',
      'postgres://db.example.cn/gridplan?sslmode=verify-full&sslrootcert=/etc/ca.pem&application_name=gridplan',
      'postgresql://[::1]:5432/gridplan',
      'postgres:///gridplan?host=/var/run/postgresql',
    ]) {
      expect(redactDatabaseUrl(url)).toBe(url);
    }
  });

  it('shows a string that is not a URL as ***', () => {
    expect(redactDatabaseUrl('')).toBe('***');
    expect(redactDatabaseUrl('not a url')).toBe('***');
    expect(redactDatabaseUrl('host=db user=planner password=s3cret')).toBe('***');
    expect(redactDatabaseUrl(' postgres://u:s3cret@host/db')).toBe('***');
  });
});

describe('redactDatabaseUrl: passwords in query parameters (leak 1)', () => {
  it('redacts ?password= and keeps user, host, port and database', () => {
    const url = 'postgres://u@127.0.0.1:1/db?password=topsecret';
    expect(parse(url).password).toBe('topsecret');
    expect(redactDatabaseUrl(url)).toBe('postgres://u:***@127.0.0.1:1/db?password=***');
    expectNoPassword(url, 'topsecret');
  });

  it('redacts sslpassword and any case of the name, keeps the other parameters', () => {
    const url =
      'postgres://db.example.cn/gridplan?sslmode=require&PassWord=topsecret&SSLPASSWORD=keysecret&sslkey=/home/p/key.pem&sslcert=/home/p/cert.pem';
    expect(redactDatabaseUrl(url)).toBe(
      'postgres://db.example.cn/gridplan?sslmode=require&PassWord=***&SSLPASSWORD=***&sslkey=/home/p/key.pem&sslcert=/home/p/cert.pem',
    );
    expectNoPassword(url, 'topsecret');
    expectNoPassword(url, 'keysecret');
  });

  it('redacts a percent-encoded parameter name and value, and a value holding # or spaces', () => {
    const url = 'postgres://u@host/db?pass%77ord=top%2Bse+cret%23x#frag&sslpassword=key#secret';
    expect(parse(url).password).toBe('top+se cret#x');
    expect(redactDatabaseUrl(url)).toBe('postgres://u:***@host/db?pass%77ord=***&sslpassword=***');
    expectNoPassword(url, 'top+se cret#x');
    expectNoPassword(url, 'key#secret');
  });

  it('redacts both the userinfo password and a query password', () => {
    const url = 'postgresql://u:infosecret@host:5432/db?password=querysecret';
    expect(redactDatabaseUrl(url)).toBe('postgresql://u:***@host:5432/db?password=***');
    expectNoPassword(url, 'infosecret');
    expectNoPassword(url, 'querysecret');
  });
});

describe('redactDatabaseUrl: the userinfo ends at the last @ (leak 2)', () => {
  it('hides a password with an unencoded @', () => {
    const url = 'postgres://u:se@cret@host/db';
    expect(parse(url)).toMatchObject({ user: 'u', password: 'se@cret', host: 'host', database: 'db' });
    expect(redactDatabaseUrl(url)).toBe('postgres://u:***@host/db');
    expectNoPassword(url, 'se@cret');
    expect(scrubSecrets('failed for se@cret', url)).not.toContain('cret');
  });

  it('hides a password with several @ and a port', () => {
    const url = 'postgres://planner:@a@b@@db.example.cn:6432/gridplan';
    expect(parse(url).password).toBe('@a@b@');
    expect(redactDatabaseUrl(url)).toBe('postgres://planner:***@db.example.cn:6432/gridplan');
    expectNoPassword(url, '@a@b@');
  });
});

describe('redactDatabaseUrl: a URL that cannot be split unambiguously is *** (leak 3)', () => {
  it.each([
    ['postgres://u:top/secret@host/db', 'top/secret'],
    ['postgres://u:top?secret@host/db', 'top?secret'],
    ['postgres://u:top#secret@host/db', 'top#secret'],
    ['postgres://u:top\\secret@host/db', 'top\\secret'],
    ['postgresql://u:a/b@c/d@[::1]:5432/db', 'a/b@c/d'],
  ])('%s', (url, password) => {
    expect(redactDatabaseUrl(url)).toBe('***');
    expectNoPassword(url, password);
  });

  it('shows *** when an @ follows the path, even without userinfo (it could be a password)', () => {
    expect(redactDatabaseUrl('postgres://u:p@host/db?application_name=me@office')).toBe('***');
    expect(redactDatabaseUrl('postgres://host/db?password=p@ss')).toBe('***');
    expectNoPassword('postgres://host/db?password=p@ss', 'p@ss');
  });
});

describe('redactDatabaseUrl: schemes, hosts and password spellings', () => {
  it.each([
    ['postgresql://u:s3cret@host/db', 's3cret', 'postgresql://u:***@host/db'],
    ['postgres://u:s3cret@[::1]:5432/db', 's3cret', 'postgres://u:***@[::1]:5432/db'],
    ['postgres://u:s3cret@[2001:db8::1%25eth0]/db', 's3cret', 'postgres://u:***@[2001:db8::1%25eth0]/db'],
    ['postgres://u:p%40ss%2Fw%3Fo%23rd@host/db', 'p@ss/w?o#rd', 'postgres://u:***@host/db'],
    ['postgres://u:%E5%AF%86%E7%A0%81@host/db', '密码', 'postgres://u:***@host/db'],
    ['postgres://u:密码@host/db', '密码', 'postgres://u:***@host/db'],
    ['postgres://u:a$b@c d@host/db', 'a$b@c d', 'postgres://u:***@host/db'],
    ['postgres://u:pa:ss@host/db', 'pa:ss', 'postgres://u:***@host/db'],
    ['postgres://u:@host/db', '', 'postgres://u:***@host/db'],
    ['postgres://u:s3cret@h1:5432,h2:5433/db', 's3cret', 'postgres://u:***@h1:5432,h2:5433/db'],
    [
      'postgres://u:s3cret@/db?host=/var/run/postgresql',
      's3cret',
      'postgres://u:***@/db?host=/var/run/postgresql',
    ],
  ])('%s', (url, password, shown) => {
    expect(redactDatabaseUrl(url)).toBe(shown);
    if (password !== '') {
      // IPv6 zones and several hosts are libpq's: node-postgres refuses them, libpq reads the password.
      expect(driverPassword(url) ?? password).toBe(password);
      expectNoPassword(url, password);
    }
  });

  it('never shows what the driver would send as the password (any printable password)', () => {
    const password = fc
      .string({ unit: 'binary', minLength: 1, maxLength: 16 })
      .filter((p) => !/[\s\p{C}]/u.test(p))
      .map((p) => `Zq${p}`);
    fc.assert(
      fc.property(password, fc.constantFrom('raw', 'encoded', 'query'), (secret, spelling) => {
        const url =
          spelling === 'query'
            ? `postgres://planner@db.example.cn:5432/gridplan?password=${encodeURIComponent(secret)}`
            : `postgres://planner:${spelling === 'raw' ? secret : encodeURIComponent(secret)}@db.example.cn:5432/gridplan`;
        const shown = redactDatabaseUrl(url);
        for (const leaked of [secret, driverPassword(url) ?? secret]) {
          for (const form of formsOf(leaked)) {
            expect(shown).not.toContain(form);
            expect(scrubSecrets(leakyMessage(url, leaked), url)).not.toContain(form);
          }
        }
        if (shown !== '***') expect(shown).toContain('planner:***@db.example.cn:5432/gridplan');
      }),
      { numRuns: 200 },
    );
  });
});

describe('scrubSecrets', () => {
  it('replaces the URL by its redacted form and the password in every form', () => {
    const url = 'postgres://planner:s3 cr%2Fet@db.example.cn/gridplan';
    const message = `${url}: password authentication failed (s3 cr/et, s3%20cr%2Fet, s3%20cr%2fet, s3+cr%2Fet)`;
    expect(scrubSecrets(message, url)).toBe(
      'postgres://planner:***@db.example.cn/gridplan: password authentication failed (***, ***, ***, ***)',
    );
  });

  it('scrubs the password of a URL it shows as *** too', () => {
    const url = 'postgres://u:top/secret@host/db';
    expect(scrubSecrets(`bad ${url}; top/secret; top%2Fsecret`, url)).toBe('bad ***; ***; ***');
  });

  it('scrubs the password of a keyword/value connection string', () => {
    const url = "host=db user=planner password='s3 cret'";
    expect(scrubSecrets(`cannot use ${url}: s3 cret`, url)).toBe('cannot use ***: ***');
  });

  it('leaves a message without secrets alone', () => {
    expect(scrubSecrets('connection refused', 'postgres://db.example.cn/gridplan')).toBe(
      'connection refused',
    );
    expect(scrubSecrets('connection refused', '')).toBe('connection refused');
    expect(scrubSecrets('connect to postgres://u@h/db', 'postgres://u@h/db')).toBe(
      'connect to postgres://u:***@h/db',
    );
  });
});

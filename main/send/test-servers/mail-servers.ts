// Private Postfix and Dovecot instances on loopback for slow tests, following
// ../shared/notes/real-mail-servers.md: plain processes with their own config in a fresh
// temp folder, nothing read from /etc, nothing able to leave the machine.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './free-port';

export const MAIL_DOMAIN = 'outpost.test';
const VMAIL_ID = 5000;

export interface Mailbox {
  user: string;
  password: string;
}

/** A Sieve vacation responder for one of the mailboxes (user without @outpost.test). */
export interface Vacation {
  user: string;
  message: string;
  /** Without it Dovecot's default subject, "Auto: <original subject>". */
  subject?: string;
}

export interface MailServerOptions {
  /**
   * These users get their mail from Postfix through Dovecot LMTP with Sieve, whose `vacation`
   * (`:days 1`, `:addresses` = the user's address) sends a genuine RFC 3834 auto-reply
   * (Auto-Submitted: auto-replied, envelope sender <>) to the envelope sender through our Postfix.
   * Dovecot answers a sender once per day (it remembers in the user's home), and never when the
   * envelope sender is empty or looks like a daemon/list, or when the user's address is not in To/Cc.
   */
  vacation?: readonly Vacation[];
  /** Dovecot advertises no IDLE (and no NOTIFY): clients must poll. */
  noIdle?: boolean;
  /**
   * Sign-in with OAuth2: Dovecot also offers XOAUTH2 and OAUTHBEARER (an `oauth2` passdb asking
   * this URL, with the token as a Bearer header, whether a token is valid and for whom: 200 with
   * `username`, else refused), and Postfix takes mail only from clients that logged in through
   * Dovecot's SASL (an auth socket in the instance's run dir). Passwords keep working for both.
   */
  oauth?: { introspectionUrl: string };
}

export interface MailServers {
  dir: string;
  /** Accepts unknown users, then bounces them with a real DSN. */
  smtpPort: number;
  /** Rejects unknown users at RCPT (550 5.1.1). */
  strictSmtpPort: number;
  imapPort: number;
  /**
   * The delivered messages of a mailbox folder ('' or 'INBOX' for the inbox, 'Sent' for Maildir/.Sent),
   * raw (read them before stop(): it removes the folder).
   */
  maildir(user: string, folder?: string): string[];
  postfixLog(): string;
  /** Dovecot's log (IMAP, LMTP and Sieve lines). */
  dovecotLog(): string;
  /** Stops the Dovecot master by pid and starts it again with the same config and ports; maildirs stay. */
  restartDovecot(): Promise<void>;
  /**
   * "Recreates" a folder (default INBOX) as far as IMAP clients can tell: a new, higher UIDVALIDITY,
   * same messages, the way a real server loses its UID state. How: `doveadm mailbox update
   * --uid-validity`, under Dovecot's own index locks. (Deleting the index files raced with a
   * just-closed session's process, which could write the old UIDVALIDITY back.) A session that has
   * the folder selected is dropped at its next command ("IMAP session state is inconsistent,
   * please relogin"), as a real server does; a new session sees the new UIDVALIDITY.
   */
  recreateFolder(user: string, folder?: string): void;
  /**
   * Writes a raw message straight into a user's maildir folder (default INBOX) as a new, unseen
   * message: tmp/ then new/, a proper maildir filename, owned by vmail. No SMTP, no Sieve.
   * Creates the folder if needed. Returns the file's path.
   */
  deliverRaw(user: string, raw: string | Buffer, folder?: string): string;
  stop(): Promise<void>;
}

/**
 * Why the servers cannot run here, or null when Postfix and Dovecot are installed (`.ci/run` installs
 * them). With `{ vacation: true }` also needs Dovecot's LMTP server and the Sieve plugin.
 */
export function mailServersMissing(needs: { vacation?: boolean } = {}): string | null {
  const have = fs.existsSync('/usr/sbin/postfix') && fs.existsSync('/usr/sbin/dovecot');
  if (!have) return 'postfix and dovecot-imapd are not installed (`.ci/run` installs them with apt)';
  if (needs.vacation && !(fs.existsSync('/usr/lib/dovecot/lmtp') && fs.existsSync('/usr/lib/dovecot/modules/lib90_sieve_plugin.so'))) {
    return 'dovecot-lmtpd and dovecot-sieve are not installed (`.ci/run` installs them with apt)';
  }
  return null;
}

function ensureVmailUser(): { uid: number; gid: number } {
  const found = spawnSync('id', ['-u', 'vmail']);
  if (found.status !== 0) {
    execFileSync('groupadd', ['--system', '--gid', String(VMAIL_ID), 'vmail']);
    execFileSync('useradd', ['--system', '--uid', String(VMAIL_ID), '--gid', String(VMAIL_ID), '--no-create-home', '--shell', '/usr/sbin/nologin', 'vmail'], { stdio: 'ignore' });
  }
  return { uid: Number(execFileSync('id', ['-u', 'vmail']).toString()), gid: Number(execFileSync('id', ['-g', 'vmail']).toString()) };
}

/** Resolves once something listens on 127.0.0.1:port; rejects naming `what` after `ms`. */
export async function waitForPort(port: number, what: string, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.destroy();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > end) throw new Error(`${what} did not listen on 127.0.0.1:${port}`);
    await new Promise((r) => setTimeout(r, 30));
  }
}

/** Written files are backdated: Postfix re-reads a config file younger than ~2 s until it is "cold". */
function write(file: string, text: string, mode = 0o644): void {
  fs.writeFileSync(file, text, { mode });
  const past = new Date(Date.now() - 10_000);
  fs.utimesSync(file, past, past);
}

function postfixConfig(dir: string, ports: { smtp: number; strict: number }, vmail: { uid: number; gid: number }, lmtp: boolean, sasl: boolean) {
  const main = `
compatibility_level = 3.6
queue_directory = ${dir}/spool
data_directory = ${dir}/data
mail_owner = postfix
myhostname = mail.${MAIL_DOMAIN}
mydomain = ${MAIL_DOMAIN}
myorigin = ${MAIL_DOMAIN}
mydestination =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination
default_transport = error:outbound mail disabled in test instance
relay_transport = error:outbound mail disabled in test instance
virtual_mailbox_domains = ${MAIL_DOMAIN}
virtual_mailbox_base = ${dir}/maildirs
virtual_mailbox_maps = texthash:${dir}/conf/vmailbox
virtual_minimum_uid = 100
virtual_uid_maps = static:${vmail.uid}
virtual_gid_maps = static:${vmail.gid}
smtpd_reject_unlisted_recipient = no
alias_maps =
alias_database =
biff = no
maillog_file = ${dir}/postfix.log
maillog_file_prefixes = ${dir}
queue_run_delay = 1s
minimal_backoff_time = 1s
maximal_backoff_time = 2s
maximal_queue_lifetime = 10s
bounce_queue_lifetime = 10s
${lmtp ? `transport_maps = texthash:${dir}/conf/transport\n` : ''}${sasl ? saslConfig(dir) : ''}`;
  // chroot "n" everywhere: Debian's chrooted defaults break a private instance under /tmp.
  const master = `
127.0.0.1:${ports.smtp} inet n - n - - smtpd
127.0.0.1:${ports.strict} inet n - n - - smtpd -o smtpd_reject_unlisted_recipient=yes
pickup    unix  n - n 60 1 pickup
cleanup   unix  n - n - 0 cleanup
qmgr      unix  n - n 300 1 qmgr
rewrite   unix  - - n - - trivial-rewrite
bounce    unix  - - n - 0 bounce
defer     unix  - - n - 0 bounce
trace     unix  - - n - 0 bounce
verify    unix  - - n - 1 verify
flush     unix  n - n 1000? 0 flush
proxymap  unix  - - n - - proxymap
proxywrite unix - - n - 1 proxymap
showq     unix  n - n - - showq
error     unix  - - n - - error
retry     unix  - - n - - error
discard   unix  - - n - - discard
virtual   unix  - n n - - virtual
anvil     unix  - - n - 1 anvil
scache    unix  - - n - 1 scache
postlog   unix-dgram n - n - 1 postlogd
${lmtp ? 'lmtp      unix  - - n - - lmtp\n' : ''}`;
  return { main, master };
}

// Only logged-in clients may send, so a test proves the login happened (mynetworks would let any loopback client in).
const saslConfig = (dir: string) => `smtpd_sasl_auth_enable = yes
smtpd_sasl_type = dovecot
smtpd_sasl_path = ${dir}/dovecot-run/auth-postfix
smtpd_recipient_restrictions = permit_sasl_authenticated, reject
`;

// Dovecot 2.3.19's own post-login list, without IDLE and NOTIFY.
const CAPABILITIES_WITHOUT_IDLE =
  'IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE SORT SORT=DISPLAY THREAD=REFERENCES THREAD=REFS THREAD=ORDEREDSUBJECT ' +
  'MULTIAPPEND URL-PARTIAL CATENATE UNSELECT CHILDREN NAMESPACE UIDPLUS LIST-EXTENDED I18NLEVEL=1 CONDSTORE QRESYNC ESEARCH ' +
  'ESORT SEARCHRES WITHIN CONTEXT=SEARCH LIST-STATUS BINARY MOVE SNIPPET=FUZZY PREVIEW=FUZZY PREVIEW STATUS=SIZE SAVEDATE LITERAL+ SPECIAL-USE';

// The token check is configured in its own file (dovecot-oauth2.conf.ext); Postfix asks through auth-postfix.
const oauthConfig = (dir: string) => `passdb {
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = ${dir}/conf/dovecot-oauth2.conf.ext
}
service auth {
  unix_listener auth-postfix {
    mode = 0666
  }
}
`;

function dovecotConfig(dir: string, ports: { imap: number; smtp: number }, vmail: { uid: number; gid: number }, options: MailServerOptions): string {
  const lmtp = (options.vacation?.length ?? 0) > 0;
  // LMTP on a unix socket in base_dir for Postfix's lmtp client (user postfix); Sieve's
  // replies go out through our own Postfix, never anywhere else.
  const lmtpConfig = `
postmaster_address = postmaster@${MAIL_DOMAIN}
hostname = mail.${MAIL_DOMAIN}
submission_host = 127.0.0.1:${ports.smtp}
service lmtp {
  unix_listener lmtp-postfix {
    mode = 0666
  }
}
protocol lmtp {
  mail_plugins = $mail_plugins sieve
}
plugin {
  sieve = file:~/sieve;active=~/.dovecot.sieve
}
`;
  return `
protocols = imap${lmtp ? ' lmtp' : ''}
listen = 127.0.0.1
base_dir = ${dir}/dovecot-run
state_dir = ${dir}/dovecot-state
instance_name = outpost-test-${path.basename(dir)}
log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login${options.oauth ? ' xoauth2 oauthbearer' : ''}
passdb {
  driver = passwd-file
  args = scheme=PLAIN ${dir}/conf/dovecot-users${options.oauth ? '\n  mechanisms = plain login' : ''}
}
${options.oauth ? oauthConfig(dir) : ''}
userdb {
  driver = static
  args = uid=${vmail.uid} gid=${vmail.gid} home=${dir}/maildirs/%d/%n
}
mail_location = maildir:~/Maildir
namespace inbox {
  inbox = yes
  mailbox Sent {
    special_use = \\Sent
    auto = subscribe
  }
  mailbox Trash {
    special_use = \\Trash
    auto = subscribe
  }
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${ports.imap}
  }
  inet_listener imaps {
    port = 0
  }
}
${options.noIdle ? `imap_capability = ${CAPABILITIES_WITHOUT_IDLE}\n` : ''}${lmtp ? lmtpConfig : ''}`;
}

function isGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  // A stopped master can linger as a zombie for a second or two: that counts as gone.
  const stat = spawnSync('ps', ['-o', 'stat=', '-p', String(pid)]).stdout?.toString().trim() ?? '';
  return stat === '' || stat.startsWith('Z');
}

async function stopByPidFile(file: string): Promise<void> {
  if (!fs.existsSync(file)) return;
  const pid = Number(fs.readFileSync(file, 'utf8').trim());
  if (!pid) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  const end = Date.now() + 10_000;
  while (!isGone(pid) && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
}

/** A process's command line, or '' when it is gone. */
function commandLine(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
  } catch {
    return '';
  }
}

/**
 * Stops a Dovecot master and its processes by pid. The master alone leaves logged-in imap
 * processes running for ~10 s (their clients stay connected), and a child it forked just before
 * (auth, stats) can hold it up ~6 s; terminating its children (named `dovecot-<instance_name>/...`)
 * along with it, re-listed until it is gone, takes ~0.2 s.
 */
async function stopDovecot(pidFile: string, instanceName: string): Promise<void> {
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
  if (!pid) return;
  const ours = (child: number) => commandLine(child).startsWith(`dovecot-${instanceName}/`);
  const seen = new Set<number>();
  const terminate = (child: number) => {
    try {
      if (ours(child)) process.kill(child, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  const sweep = () => {
    const listed = spawnSync('ps', ['-o', 'pid=', '--ppid', String(pid)]).stdout?.toString() ?? '';
    for (const child of listed.split(/\s+/).filter(Boolean).map(Number)) {
      if (!seen.has(child) && ours(child)) {
        seen.add(child);
        terminate(child);
      }
    }
  };
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  const end = Date.now() + 10_000;
  while (!isGone(pid) && Date.now() < end) {
    sweep();
    await new Promise((r) => setTimeout(r, 50));
  }
  seen.forEach(terminate); // any still running after the master
}

async function waitForPortClosed(port: number, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.destroy();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (!open) return;
    if (Date.now() > end) throw new Error(`${what} still listens on 127.0.0.1:${port}`);
    await new Promise((r) => setTimeout(r, 30));
  }
}

/** A Sieve quoted string. */
const sieveString = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

function vacationScript(v: Vacation): string {
  const address = `${v.user}@${MAIL_DOMAIN}`;
  const subject = v.subject === undefined ? '' : ` :subject ${sieveString(v.subject)}`;
  return `require ["vacation"];\nvacation :days 1 :addresses [${sieveString(address)}]${subject} ${sieveString(v.message)};\n`;
}

let maildirCounter = 0;

/**
 * Starts Postfix and Dovecot on free loopback ports with these mailboxes (user@outpost.test);
 * see MailServerOptions for vacation responders and a Dovecot without IDLE.
 */
export async function startMailServers(mailboxes: readonly Mailbox[], options: MailServerOptions = {}): Promise<MailServers> {
  const vacation = options.vacation ?? [];
  for (const v of vacation) {
    if (!mailboxes.some((m) => m.user === v.user)) throw new Error(`vacation user ${v.user} is not one of the mailboxes`);
  }
  const lmtp = vacation.length > 0;
  const vmail = ensureVmailUser();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-mail-'));
  fs.chmodSync(dir, 0o755); // postfix, dovecot and vmail must traverse it
  for (const sub of ['conf', 'spool', 'data', 'maildirs', 'dovecot-run', 'dovecot-state']) fs.mkdirSync(path.join(dir, sub), { mode: 0o755 });
  execFileSync('chown', ['postfix', path.join(dir, 'data')]);
  execFileSync('chown', [`${vmail.uid}:${vmail.gid}`, path.join(dir, 'maildirs')]);
  const ports = { smtp: await freePort(), strict: await freePort(), imap: await freePort() };
  const { main, master } = postfixConfig(dir, ports, vmail, lmtp, !!options.oauth);
  const lmtpSocket = path.join(dir, 'dovecot-run/lmtp-postfix');
  write(path.join(dir, 'conf/main.cf'), main);
  write(path.join(dir, 'conf/master.cf'), master);
  write(path.join(dir, 'conf/vmailbox'), mailboxes.map((m) => `${m.user}@${MAIL_DOMAIN} ${MAIL_DOMAIN}/${m.user}/Maildir/\n`).join(''));
  if (lmtp) write(path.join(dir, 'conf/transport'), vacation.map((v) => `${v.user}@${MAIL_DOMAIN} lmtp:unix:${lmtpSocket}\n`).join(''));
  write(path.join(dir, 'conf/dovecot-users'), mailboxes.map((m) => `${m.user}@${MAIL_DOMAIN}:{PLAIN}${m.password}\n`).join(''), 0o640);
  execFileSync('chgrp', ['dovecot', path.join(dir, 'conf/dovecot-users')]);
  write(path.join(dir, 'conf/dovecot.conf'), dovecotConfig(dir, ports, vmail, options));
  if (options.oauth) {
    // Mode "auth": a GET with the token as a Bearer header; the answer's `username` must be the login's user.
    write(path.join(dir, 'conf/dovecot-oauth2.conf.ext'), `introspection_mode = auth
introspection_url = ${options.oauth.introspectionUrl}
force_introspection = yes
username_attribute = username
active_attribute = active
active_value = true
`);
  }

  const home = (user: string) => path.join(dir, 'maildirs', MAIL_DOMAIN, user);
  /** A folder's maildir; '' or 'INBOX' is the inbox (the Maildir itself), 'Sent' is Maildir/.Sent. */
  const folderDir = (user: string, folder = '') => path.join(home(user), 'Maildir', folder && folder.toUpperCase() !== 'INBOX' ? `.${folder}` : '');
  /** mkdir -p below maildirs/, each new directory owned by vmail. */
  const mkdirVmail = (target: string) => {
    const rel = path.relative(path.join(dir, 'maildirs'), target);
    let at = path.join(dir, 'maildirs');
    for (const part of rel.split(path.sep).filter(Boolean)) {
      at = path.join(at, part);
      if (!fs.existsSync(at)) {
        fs.mkdirSync(at, { mode: 0o700 });
        fs.chownSync(at, vmail.uid, vmail.gid);
      }
    }
  };
  // Sieve's layout: ~/sieve/vacation.sieve, activated by the ~/.dovecot.sieve symlink.
  for (const v of vacation) {
    mkdirVmail(path.join(home(v.user), 'sieve'));
    const script = path.join(home(v.user), 'sieve/vacation.sieve');
    fs.writeFileSync(script, vacationScript(v), { mode: 0o600 });
    fs.chownSync(script, vmail.uid, vmail.gid);
    fs.symlinkSync('sieve/vacation.sieve', path.join(home(v.user), '.dovecot.sieve'));
    fs.lchownSync(path.join(home(v.user), '.dovecot.sieve'), vmail.uid, vmail.gid);
  }

  const dovecotPidFile = path.join(dir, 'dovecot-run/master.pid');
  const instanceName = `outpost-test-${path.basename(dir)}`;
  async function startDovecot(): Promise<void> {
    // Dovecot keeps the caller's stderr open after daemonizing: a file, never a pipe.
    const logFile = path.join(dir, 'dovecot.start.log');
    const log = fs.openSync(logFile, 'a');
    try {
      const dovecot = spawn('dovecot', ['-c', path.join(dir, 'conf/dovecot.conf')], { stdio: ['ignore', log, log] });
      await new Promise<void>((resolve, reject) => {
        dovecot.once('error', reject);
        dovecot.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`dovecot exited with ${code}: ${fs.readFileSync(logFile, 'utf8')}`))));
      });
    } finally {
      fs.closeSync(log);
    }
    await waitForPort(ports.imap, 'dovecot');
    // The master listens before it writes its pid file: stopping needs the pid.
    const ready = () => fs.existsSync(dovecotPidFile) && Number(fs.readFileSync(dovecotPidFile, 'utf8').trim()) > 0 && (!lmtp || fs.existsSync(lmtpSocket));
    const end = Date.now() + 10_000;
    while (!ready()) {
      if (Date.now() > end) throw new Error(`dovecot wrote no ${dovecotPidFile}${lmtp ? ` or ${lmtpSocket}` : ''}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  const servers: MailServers = {
    dir,
    smtpPort: ports.smtp,
    strictSmtpPort: ports.strict,
    imapPort: ports.imap,
    maildir(user, folder = '') {
      const base = folderDir(user, folder);
      return ['new', 'cur'].flatMap((sub) => {
        const d = path.join(base, sub);
        return fs.existsSync(d) ? fs.readdirSync(d).sort().map((f) => fs.readFileSync(path.join(d, f), 'utf8')) : [];
      });
    },
    postfixLog: () => (fs.existsSync(path.join(dir, 'postfix.log')) ? fs.readFileSync(path.join(dir, 'postfix.log'), 'utf8') : ''),
    dovecotLog: () => (fs.existsSync(path.join(dir, 'dovecot.log')) ? fs.readFileSync(path.join(dir, 'dovecot.log'), 'utf8') : ''),
    async restartDovecot() {
      await stopDovecot(dovecotPidFile, instanceName);
      // The login processes share the listening socket and leave just after the master.
      await waitForPortClosed(ports.imap, 'the stopped dovecot');
      fs.rmSync(dovecotPidFile, { force: true }); // a lingering zombie's pid would read as "already running"
      await startDovecot();
    },
    recreateFolder(user, folder = '') {
      const doveadm = (...args: string[]) => execFileSync('doveadm', ['-c', path.join(dir, 'conf/dovecot.conf'), 'mailbox', ...args], { encoding: 'utf8' });
      const login = ['-u', `${user}@${MAIL_DOMAIN}`];
      const mailbox = folder || 'INBOX';
      const old = Number(/uidvalidity=(\d+)/.exec(doveadm('status', ...login, 'uidvalidity', mailbox))?.[1]);
      if (!old) throw new Error(`no folder ${mailbox} for ${user}`);
      doveadm('update', ...login, '--uid-validity', String(old + 1), mailbox);
    },
    deliverRaw(user, raw, folder = '') {
      const base = folderDir(user, folder);
      for (const sub of ['cur', 'new', 'tmp']) mkdirVmail(path.join(base, sub));
      if (base !== folderDir(user) && !fs.existsSync(path.join(base, 'maildirfolder'))) {
        fs.writeFileSync(path.join(base, 'maildirfolder'), '');
        fs.chownSync(path.join(base, 'maildirfolder'), vmail.uid, vmail.gid);
      }
      const data = typeof raw === 'string' ? Buffer.from(raw) : raw;
      const now = Date.now();
      const host = os.hostname().replace(/\//g, '\\057').replace(/:/g, '\\072');
      const name = `${Math.floor(now / 1000)}.M${(now % 1000) * 1000}P${process.pid}Q${++maildirCounter}.${host},S=${data.length}`;
      const tmp = path.join(base, 'tmp', name);
      fs.writeFileSync(tmp, data, { mode: 0o600 });
      fs.chownSync(tmp, vmail.uid, vmail.gid);
      const file = path.join(base, 'new', name);
      fs.renameSync(tmp, file);
      return file;
    },
    async stop() {
      await Promise.all([stopByPidFile(path.join(dir, 'spool/pid/master.pid')), stopDovecot(dovecotPidFile, instanceName)]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    const started = spawnSync('postfix', ['-c', path.join(dir, 'conf'), 'start'], { encoding: 'utf8', timeout: 30_000 });
    if (started.status !== 0) throw new Error(`postfix start failed: ${started.stderr || started.stdout}`);
    await startDovecot();
    await Promise.all([waitForPort(ports.smtp, 'postfix'), waitForPort(ports.strict, 'postfix')]);
  } catch (err) {
    await servers.stop();
    throw err;
  }
  return servers;
}

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

export interface MailServers {
  dir: string;
  /** Accepts unknown users, then bounces them with a real DSN. */
  smtpPort: number;
  /** Rejects unknown users at RCPT (550 5.1.1). */
  strictSmtpPort: number;
  imapPort: number;
  /** The delivered messages of a mailbox, raw (read them before stop(): it removes the folder). */
  maildir(user: string, folder?: string): string[];
  postfixLog(): string;
  stop(): Promise<void>;
}

/** Why the servers cannot run here, or null when Postfix and Dovecot are installed (`.ci/run` installs them). */
export function mailServersMissing(): string | null {
  const have = fs.existsSync('/usr/sbin/postfix') && fs.existsSync('/usr/sbin/dovecot');
  return have ? null : 'postfix and dovecot-imapd are not installed (`.ci/run` installs them with apt)';
}

function ensureVmailUser(): { uid: number; gid: number } {
  const found = spawnSync('id', ['-u', 'vmail']);
  if (found.status !== 0) {
    execFileSync('groupadd', ['--system', '--gid', String(VMAIL_ID), 'vmail']);
    execFileSync('useradd', ['--system', '--uid', String(VMAIL_ID), '--gid', String(VMAIL_ID), '--no-create-home', '--shell', '/usr/sbin/nologin', 'vmail'], { stdio: 'ignore' });
  }
  return { uid: Number(execFileSync('id', ['-u', 'vmail']).toString()), gid: Number(execFileSync('id', ['-g', 'vmail']).toString()) };
}

async function waitForPort(port: number, what: string, ms = 15_000): Promise<void> {
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

function postfixConfig(dir: string, ports: { smtp: number; strict: number }, vmail: { uid: number; gid: number }) {
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
`;
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
`;
  return { main, master };
}

function dovecotConfig(dir: string, port: number, vmail: { uid: number; gid: number }): string {
  return `
protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/dovecot-run
state_dir = ${dir}/dovecot-state
instance_name = outpost-test-${path.basename(dir)}
log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
passdb {
  driver = passwd-file
  args = scheme=PLAIN ${dir}/conf/dovecot-users
}
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
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
`;
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

/** Starts Postfix and Dovecot on free loopback ports with these mailboxes (user@outpost.test). */
export async function startMailServers(mailboxes: readonly Mailbox[]): Promise<MailServers> {
  const vmail = ensureVmailUser();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-mail-'));
  fs.chmodSync(dir, 0o755); // postfix, dovecot and vmail must traverse it
  for (const sub of ['conf', 'spool', 'data', 'maildirs', 'dovecot-run', 'dovecot-state']) fs.mkdirSync(path.join(dir, sub), { mode: 0o755 });
  execFileSync('chown', ['postfix', path.join(dir, 'data')]);
  execFileSync('chown', [`${vmail.uid}:${vmail.gid}`, path.join(dir, 'maildirs')]);
  const ports = { smtp: await freePort(), strict: await freePort(), imap: await freePort() };
  const { main, master } = postfixConfig(dir, ports, vmail);
  write(path.join(dir, 'conf/main.cf'), main);
  write(path.join(dir, 'conf/master.cf'), master);
  write(path.join(dir, 'conf/vmailbox'), mailboxes.map((m) => `${m.user}@${MAIL_DOMAIN} ${MAIL_DOMAIN}/${m.user}/Maildir/\n`).join(''));
  write(path.join(dir, 'conf/dovecot-users'), mailboxes.map((m) => `${m.user}@${MAIL_DOMAIN}:{PLAIN}${m.password}\n`).join(''), 0o640);
  execFileSync('chgrp', ['dovecot', path.join(dir, 'conf/dovecot-users')]);
  write(path.join(dir, 'conf/dovecot.conf'), dovecotConfig(dir, ports.imap, vmail));

  const servers: MailServers = {
    dir,
    smtpPort: ports.smtp,
    strictSmtpPort: ports.strict,
    imapPort: ports.imap,
    maildir(user, folder = '') {
      const base = path.join(dir, 'maildirs', MAIL_DOMAIN, user, 'Maildir', folder ? `.${folder}` : '');
      return ['new', 'cur'].flatMap((sub) => {
        const d = path.join(base, sub);
        return fs.existsSync(d) ? fs.readdirSync(d).sort().map((f) => fs.readFileSync(path.join(d, f), 'utf8')) : [];
      });
    },
    postfixLog: () => (fs.existsSync(path.join(dir, 'postfix.log')) ? fs.readFileSync(path.join(dir, 'postfix.log'), 'utf8') : ''),
    async stop() {
      await Promise.all([stopByPidFile(path.join(dir, 'spool/pid/master.pid')), stopByPidFile(path.join(dir, 'dovecot-run/master.pid'))]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    const started = spawnSync('postfix', ['-c', path.join(dir, 'conf'), 'start'], { encoding: 'utf8', timeout: 30_000 });
    if (started.status !== 0) throw new Error(`postfix start failed: ${started.stderr || started.stdout}`);
    // Dovecot keeps the caller's stderr open after daemonizing: a file, never a pipe.
    const log = fs.openSync(path.join(dir, 'dovecot.start.log'), 'a');
    const dovecot = spawn('dovecot', ['-c', path.join(dir, 'conf/dovecot.conf')], { stdio: ['ignore', log, log] });
    await new Promise<void>((resolve, reject) => {
      dovecot.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`dovecot exited with ${code}: ${fs.readFileSync(path.join(dir, 'dovecot.start.log'), 'utf8')}`))));
    });
    fs.closeSync(log);
    await Promise.all([waitForPort(ports.smtp, 'postfix'), waitForPort(ports.strict, 'postfix'), waitForPort(ports.imap, 'dovecot')]);
  } catch (err) {
    await servers.stop();
    throw err;
  }
  return servers;
}

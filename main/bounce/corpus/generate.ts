// Regenerates main/bounce/corpus: genuine reports written by real mail servers on loopback.
// `npm run corpus:generate` (root: it creates system users, unpacks Debian packages, runs servers).
// See README.md in this folder for what each cause is and how it is induced.
//
// Servers: Postfix + Dovecot (LMTP, Sieve vacation, quota) from main/send/test-servers, Exim 4 and
// OpenSMTPD unpacked from their Debian packages into a cache folder (they conflict with Postfix as
// apt packages), each with its own config on free 127.0.0.1 ports. Every sender's mailbox is a
// Postfix/Dovecot mailbox at outpost.test; a report is captured as delivered into it.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nodemailer from 'nodemailer';
import { startMailServers, waitForPort, type MailServers } from '../../send/test-servers/mail-servers';
import { freePort } from '../../send/test-servers/free-port';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const OUT = path.join(HERE, 'emails');
// Not under /root: Exim re-executes itself as Debian-exim, which must traverse the path.
const CACHE = process.env.CORPUS_CACHE ?? '/var/cache/outpost-corpus';
const PKG_ROOT = path.join(CACHE, 'root');
const EXIM = path.join(PKG_ROOT, 'usr/sbin/exim4');
const SMTPD = path.join(PKG_ROOT, 'usr/sbin/smtpd');
/** The whole run, servers included, never takes longer than this. */
const RUN_LIMIT_MS = 240_000;
const PAD = 30_000; // bytes of body in a "too big" message; receivers here take at most 20 000

type Source = 'postfix' | 'exim' | 'opensmtpd' | 'sieve';
interface Scenario {
  code: string;
  source: Source;
  cause: string;
  /** What the induced cause means, for the README. */
  how: string;
  via: 'postfix' | 'exim' | 'opensmtpd';
  from: string;
  to: string;
  big?: boolean;
  notifySuccess?: boolean;
  /** Reports expected: final only, or a delay warning and then the final failure. */
  delay?: boolean;
  cls: string;
  reason: string;
}

const S = (s: Omit<Scenario, 'code'>, i: number): Scenario => ({ ...s, code: `c${String(i + 1).padStart(2, '0')}` });
const P = 'sender@outpost.test';
const E = 'exim-sender@outpost.test';
const O = 'smtpd-sender@outpost.test';

const SCENARIOS: Scenario[] = [
  { source: 'postfix', cause: 'userunknown-local', via: 'postfix', from: P, to: 'nobody@outpost.test', cls: 'hard', reason: 'userunknown', how: 'Postfix accepts a recipient of its own virtual domain that has no mailbox, then bounces it (virtual delivery, 5.1.1).' },
  { source: 'postfix', cause: 'userunknown-remote', via: 'postfix', from: P, to: 'nobody@exim.test', cls: 'hard', reason: 'userunknown', how: 'Postfix relays to Exim, which refuses the unknown local part at RCPT (550 Unrouteable address); Postfix writes the bounce.' },
  { source: 'postfix', cause: 'hostunknown', via: 'postfix', from: P, to: 'someone@no-such-domain.invalid', cls: 'hard', reason: 'hostunknown', how: 'Postfix looks up the MX of a .invalid domain; the resolver answers NXDOMAIN.' },
  { source: 'postfix', cause: 'mailboxfull', via: 'postfix', from: P, to: 'full@outpost.test', cls: 'soft', reason: 'mailboxfull', how: 'Postfix delivers to Dovecot LMTP, whose quota plugin (20 KB, mailbox pre-filled) answers 552 5.2.2 Quota exceeded.' },
  { source: 'postfix', cause: 'mesgtoobig', via: 'postfix', from: P, to: 'big@exim.test', big: true, cls: 'soft', reason: 'mesgtoobig', how: 'A 30 KB message to Exim, which advertises SIZE 20480 (message_size_limit on its inbound port); Postfix refuses to send it and bounces.' },
  { source: 'postfix', cause: 'norelaying', via: 'postfix', from: P, to: 'someone@relay.test', cls: 'blocked', reason: 'norelaying', how: 'Postfix routes relay.test to Exim\'s inbound port, which refuses to relay for a domain not its own (550 relay not permitted).' },
  { source: 'postfix', cause: 'timeout', via: 'postfix', from: P, to: 'someone@blackhole.test', delay: true, cls: 'transient', reason: 'expired', how: 'The destination accepts the TCP connection and never sends a greeting; smtp_helo_timeout 3 s, delay_warning_time 1 s, maximal_queue_lifetime 10 s: a delay DSN, then the final failure.' },
  { source: 'postfix', cause: 'tempfail', via: 'postfix', from: P, to: 'someone@tempfail.test', delay: true, cls: 'transient', reason: 'expired', how: 'The destination answers every RCPT with 451 4.3.0; retried until the queue lifetime (10 s) runs out: a delay DSN, then the final failure.' },
  { source: 'postfix', cause: 'delivered', via: 'postfix', from: P, to: 'alice@outpost.test', notifySuccess: true, cls: 'delivered', reason: 'delivered', how: 'NOTIFY=SUCCESS to a local mailbox: Postfix reports the delivery.' },
  { source: 'postfix', cause: 'relayed', via: 'postfix', from: P, to: 'alice@exim.test', notifySuccess: true, cls: 'delivered', reason: 'delivered', how: 'NOTIFY=SUCCESS to Exim\'s inbound port, which does not offer DSN: Postfix reports the message relayed.' },

  { source: 'exim', cause: 'userunknown', via: 'exim', from: E, to: 'nobody@outpost.test', cls: 'hard', reason: 'userunknown', how: 'Exim relays to a Postfix listener that rejects unknown recipients at RCPT (550 5.1.1); Exim writes the bounce.' },
  { source: 'exim', cause: 'userunknown-local', via: 'exim', from: E, to: 'nobody@exim.test', cls: 'hard', reason: 'userunknown', how: 'Exim\'s submission port accepts a local part of its own domain that no router takes; routing fails after acceptance (Unrouteable address) and Exim bounces.' },
  { source: 'exim', cause: 'hostunknown', via: 'exim', from: E, to: 'someone@no-such-domain.invalid', cls: 'hard', reason: 'hostunknown', how: 'Exim\'s dnslookup router finds no such domain (NXDOMAIN): Unrouteable address.' },
  { source: 'exim', cause: 'mailboxfull', via: 'exim', from: E, to: 'full@exim.test', cls: 'soft', reason: 'mailboxfull', how: 'Exim\'s own maildir delivery with an appendfile quota of 20 KB (mailbox pre-filled with 30 KB); the retry rule `* quota` (no retries) fails it at once.' },
  { source: 'exim', cause: 'mesgtoobig', via: 'exim', from: E, to: 'big@outpost.test', big: true, cls: 'soft', reason: 'mesgtoobig', how: 'A 30 KB message to a Postfix listener with message_size_limit 20000 (552 5.3.4 at MAIL FROM SIZE=).' },
  { source: 'exim', cause: 'norelaying', via: 'exim', from: E, to: 'someone@relay.test', cls: 'blocked', reason: 'norelaying', how: 'Exim routes relay.test to a Postfix listener with an empty mynetworks (554 5.7.1 Relay access denied).' },
  { source: 'exim', cause: 'timeout', via: 'exim', from: E, to: 'someone@blackhole.test', delay: true, cls: 'transient', reason: 'expired', how: 'The destination never greets; command_timeout 3 s, retry rule F,12s,2s, delay_warning 3 s: a warning, then the final failure.' },
  { source: 'exim', cause: 'tempfail', via: 'exim', from: E, to: 'someone@tempfail.test', delay: true, cls: 'transient', reason: 'expired', how: 'Every RCPT gets 451 4.3.0; retry rule F,12s,2s, delay_warning 3 s: a warning, then "retry timeout exceeded".' },
  { source: 'exim', cause: 'delivered', via: 'exim', from: E, to: 'alice@exim.test', notifySuccess: true, cls: 'delivered', reason: 'delivered', how: 'NOTIFY=SUCCESS to Exim\'s own maildir delivery: Exim reports the delivery.' },

  { source: 'opensmtpd', cause: 'userunknown', via: 'opensmtpd', from: O, to: 'nobody@outpost.test', cls: 'hard', reason: 'userunknown', how: 'OpenSMTPD relays to a Postfix listener that rejects unknown recipients at RCPT (550 5.1.1).' },
  { source: 'opensmtpd', cause: 'hostunknown', via: 'opensmtpd', from: O, to: 'someone@no-such-domain.invalid', cls: 'hard', reason: 'hostunknown', how: 'OpenSMTPD looks up the MX of a .invalid domain (NXDOMAIN).' },
  { source: 'opensmtpd', cause: 'mesgtoobig', via: 'opensmtpd', from: O, to: 'big@exim.test', big: true, cls: 'soft', reason: 'mesgtoobig', how: 'A 30 KB message to Exim\'s inbound port (SIZE 20480).' },
  { source: 'opensmtpd', cause: 'norelaying', via: 'opensmtpd', from: O, to: 'someone@relay.test', cls: 'blocked', reason: 'norelaying', how: 'OpenSMTPD relays to Exim\'s inbound port, which refuses to relay (550 relay not permitted).' },
  { source: 'opensmtpd', cause: 'tempfail', via: 'opensmtpd', from: O, to: 'someone@tempfail.test', delay: true, cls: 'transient', reason: 'expired', how: 'Every RCPT gets 451 4.3.0; queue ttl 15 s, bounce warn-interval 3 s: a delay notice, then the final failure.' },
  { source: 'opensmtpd', cause: 'relayed', via: 'opensmtpd', from: O, to: 'alice@exim.test', notifySuccess: true, cls: 'delivered', reason: 'delivered', how: 'NOTIFY=SUCCESS relayed to Exim\'s inbound port, which offers no DSN.' },

  { source: 'sieve', cause: 'vacation-default', via: 'postfix', from: P, to: 'vac-en@outpost.test', cls: 'autoreply', reason: 'vacation', how: 'Dovecot Sieve `vacation` with its default subject ("Auto: <subject>"), English text.' },
  { source: 'sieve', cause: 'vacation-subject', via: 'postfix', from: P, to: 'vac-leave@outpost.test', cls: 'autoreply', reason: 'vacation', how: 'Sieve vacation with its own subject "Out of office", English text.' },
  { source: 'sieve', cause: 'vacation-de', via: 'postfix', from: P, to: 'vac-de@outpost.test', cls: 'autoreply', reason: 'vacation', how: 'Sieve vacation in German (subject "Abwesenheitsnotiz").' },
  { source: 'sieve', cause: 'vacation-pl', via: 'postfix', from: P, to: 'vac-pl@outpost.test', cls: 'autoreply', reason: 'vacation', how: 'Sieve vacation in Polish with a non-ASCII subject (encoded word).' },
  { source: 'sieve', cause: 'vacation-ja', via: 'postfix', from: P, to: 'vac-ja@outpost.test', cls: 'autoreply', reason: 'vacation', how: 'Sieve vacation in Japanese (UTF-8 body and subject).' },
  { source: 'sieve', cause: 'vacation-re', via: 'postfix', from: P, to: 'vac-re@outpost.test', cls: 'autoreply', reason: 'vacation', how: 'Sieve vacation whose subject is "Re: <original subject>", like a person\'s reply (only its headers say it is automatic).' },
  { source: 'sieve', cause: 'vacation-fr', via: 'postfix', from: P, to: 'vac-fr@outpost.test', cls: 'autoreply', reason: 'vacation', how: 'Sieve vacation in French, default subject.' },
].map((s, i) => S(s as Omit<Scenario, 'code'>, i));

const VACATIONS = [
  { user: 'vac-en', message: 'Thank you for your message. I am out of the office until Monday 14 December with limited access to email.\nFor anything urgent please call the front desk.\n\nBest regards,\nRobin' },
  { user: 'vac-leave', subject: 'Out of office', message: 'Hello,\n\nI am on parental leave until the end of March and am not reading email. Your message will not be forwarded.\nPlease write to the team address instead.\n\nKind regards' },
  { user: 'vac-de', subject: 'Abwesenheitsnotiz', message: 'Vielen Dank für Ihre Nachricht.\n\nIch bin bis einschließlich 4. Januar nicht im Büro und habe keinen Zugriff auf meine E-Mails. In dringenden Fällen wenden Sie sich bitte an meine Kollegin.\n\nMit freundlichen Grüßen' },
  { user: 'vac-pl', subject: 'Odpowiedź automatyczna: nieobecność w biurze', message: 'Dzień dobry,\n\ndziękuję za wiadomość. Jestem na urlopie do 4 stycznia i nie mam dostępu do poczty. W pilnych sprawach proszę kontaktować się z sekretariatem.\n\nPozdrawiam' },
  { user: 'vac-ja', subject: '不在のお知らせ', message: 'お問い合わせありがとうございます。\n\n誠に勝手ながら、1月4日まで休暇をいただいております。期間中はメールを確認できません。\n休暇明けに順次ご返信いたします。' },
  // Quotes the original subject, as a person's reply would.
  { user: 'vac-re', subject: `Re: Project update ${SCENARIOS.find((s) => s.to === 'vac-re@outpost.test')!.code}`, message: 'Thanks for your email. I am travelling this week and will reply when I am back on Monday.' },
  { user: 'vac-fr', message: 'Bonjour,\n\nJe suis absent du bureau jusqu\'au 4 janvier et je n\'ai pas accès à ma messagerie. Votre message ne sera pas transféré.\n\nCordialement' },
];

const log = (...a: unknown[]) => console.log(`[corpus ${((Date.now() - T0) / 1000).toFixed(1)}s]`, ...a);
const T0 = Date.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Downloads and unpacks Exim and OpenSMTPD once (apt-get download + dpkg-deb -x), never installing them. */
function ensurePackages(): void {
  const debs = ['exim4-daemon-light', 'exim4-base', 'exim4-config', 'opensmtpd'];
  if (!(fs.existsSync(EXIM) && fs.existsSync(SMTPD))) {
    fs.mkdirSync(path.join(CACHE, 'debs'), { recursive: true, mode: 0o755 });
    fs.chmodSync(CACHE, 0o755);
    const dl = () => spawnSync('apt-get', ['download', ...debs], { cwd: path.join(CACHE, 'debs'), encoding: 'utf8', timeout: 120_000 });
    let got = dl();
    if (got.status !== 0) {
      log('apt-get download failed, running apt-get update first');
      execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', timeout: 300_000 });
      got = dl();
    }
    if (got.status !== 0) throw new Error(`apt-get download ${debs.join(' ')}: ${got.stderr}`);
    fs.rmSync(PKG_ROOT, { recursive: true, force: true });
    for (const f of fs.readdirSync(path.join(CACHE, 'debs')).filter((f) => f.endsWith('.deb'))) {
      execFileSync('dpkg-deb', ['-x', path.join(CACHE, 'debs', f), PKG_ROOT]);
    }
  }
  // Their libraries (no conflicts with Postfix): installed only when missing.
  const missing = [EXIM, SMTPD].some((bin) => /not found/.test(spawnSync('ldd', [bin], { encoding: 'utf8' }).stdout));
  if (missing) {
    execFileSync('apt-get', ['install', '-y', '-qq', '-o', 'DPkg::Lock::Timeout=600', '--no-install-recommends', 'libidn12', 'libevent-2.1-7', 'libgnutls-dane0', 'libdb5.3', 'libnsl2', 'libpcre2-8-0'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      timeout: 300_000,
    });
  }
  // The users their binaries are built to run as.
  for (const user of ['Debian-exim', 'opensmtpd', 'opensmtpq']) {
    if (spawnSync('id', [user]).status !== 0) {
      execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', user]);
    }
  }
}

export function versions(): Record<string, string> {
  const first = (cmd: string, args: string[], re: RegExp) => {
    const r = spawnSync(cmd, args, { encoding: 'utf8' });
    return ((r.stdout ?? '') + (r.stderr ?? '')).match(re)?.[1] ?? 'unknown';
  };
  return {
    postfix: first('postconf', ['-d', 'mail_version'], /= (\S+)/),
    dovecot: first('dovecot', ['--version'], /^(\S+)/),
    exim: first(EXIM, ['-C', '/dev/null', '-bV'], /Exim version (\S+)/),
    opensmtpd: first(SMTPD, ['-h'], /OpenSMTPD (\S+)/),
  };
}

/** A fake remote on loopback: `blackhole` accepts and never greets; `tempfail` answers 451 to every RCPT. */
function fakeRemote(kind: 'blackhole' | 'tempfail', port: number): net.Server {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => {});
    if (kind === 'blackhole') return;
    s.write('220 mx.tempfail.test ESMTP\r\n');
    let buf = '';
    s.on('data', (d) => {
      buf += d.toString('latin1');
      let i: number;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i).trim().toUpperCase();
        buf = buf.slice(i + 1);
        if (line.startsWith('EHLO')) s.write('250-mx.tempfail.test\r\n250 8BITMIME\r\n');
        else if (line.startsWith('HELO')) s.write('250 mx.tempfail.test\r\n');
        else if (line.startsWith('MAIL')) s.write('250 2.1.0 Ok\r\n');
        else if (line.startsWith('RCPT')) s.write('451 4.3.0 Temporary local problem, please try again later\r\n');
        else if (line.startsWith('QUIT')) s.end('221 2.0.0 Bye\r\n');
        else if (line.startsWith('RSET') || line.startsWith('NOOP')) s.write('250 2.0.0 Ok\r\n');
        else s.write('503 5.5.1 Error: need RCPT command\r\n');
      }
    });
  });
  server.listen(port, '127.0.0.1');
  const close = server.close.bind(server);
  server.close = (cb?: (err?: Error) => void) => {
    for (const s of sockets) s.destroy();
    return close(cb);
  };
  return server;
}

interface Ports {
  pfStrict: number; pfBig: number; pfNoRelay: number;
  eximSub: number; eximIn: number;
  smtpdSub: number;
  blackhole: number; tempfail: number;
}

function eximConfig(dir: string, ports: Ports): string {
  return `
primary_hostname = mx.exim.test
qualify_domain = exim.test
domainlist local_domains = exim.test
spool_directory = ${dir}/spool
log_file_path = ${dir}/log/%slog
pid_file_path = ${dir}/exim.pid
exim_path = ${EXIM}
exim_user = Debian-exim
exim_group = Debian-exim
local_interfaces = 127.0.0.1
daemon_smtp_ports = ${ports.eximSub} : ${ports.eximIn}
message_size_limit = \${if eq{$received_port}{${ports.eximIn}}{20K}{50M}}
dsn_advertise_hosts = \${if eq{$received_port}{${ports.eximSub}}{*}{}}
tls_advertise_hosts =
host_lookup =
rfc1413_hosts =
delay_warning = 3s : 1h
acl_smtp_rcpt = acl_check_rcpt
acl_smtp_data = acl_check_data
never_users = root

begin acl
acl_check_rcpt:
  accept  hosts = :
  # The submission port takes anything from loopback (unknown users then bounce after routing).
  accept  condition = \${if eq{$received_port}{${ports.eximSub}}}
  deny    !domains = +local_domains
          message = relay not permitted
  deny    !verify = recipient
  accept
acl_check_data:
  accept

begin routers
local_users:
  driver = accept
  domains = +local_domains
  local_parts = alice : full : big
  transport = local_maildir
remote:
  driver = manualroute
  domains = outpost.test : relay.test : blackhole.test : tempfail.test
  route_list = * 127.0.0.1
  transport = remote_smtp
  self = send
dnslookup:
  driver = dnslookup
  domains = ! +local_domains
  transport = remote_smtp
  ignore_target_hosts = 0.0.0.0 : 127.0.0.0/8
  no_more

begin transports
remote_smtp:
  driver = smtp
  port = \${lookup{$local_part@$domain}lsearch{${dir}/ports}{$value}{\${lookup{$domain}lsearch{${dir}/ports}{$value}{25}}}}
  connect_timeout = 3s
  command_timeout = 3s
  hosts_try_chunking =
  # One message per connection: Exim would otherwise pass an open connection to 127.0.0.1 on to
  # the next message for "the same host", whatever port this expansion gives.
  connection_max_messages = 1
local_maildir:
  driver = appendfile
  directory = ${dir}/mail/$local_part_data
  maildir_format
  create_directory
  user = Debian-exim
  group = Debian-exim
  mode = 0600
  delivery_date_add
  envelope_to_add
  return_path_add
  quota = \${if eq{$local_part}{full}{20K}{}}

begin retry
* quota
* * F,12s,2s

begin rewrite
`;
}

function smtpdConfig(ports: Ports): string {
  return `
listen on 127.0.0.1 port ${ports.smtpdSub} hostname mx.opensmtpd.test
queue ttl 15s
bounce warn-interval 3s
smtp max-message-size 50M
action "to_outpost" relay host smtp://127.0.0.1:${ports.pfStrict}
action "to_exim" relay host smtp://127.0.0.1:${ports.eximIn}
action "to_tempfail" relay host smtp://127.0.0.1:${ports.tempfail}
action "outbound" relay
${[
    ['domain "outpost.test"', 'to_outpost'],
    ['domain "exim.test"', 'to_exim'],
    ['domain "relay.test"', 'to_exim'],
    ['domain "tempfail.test"', 'to_tempfail'],
    ['any', 'outbound'],
  ].flatMap(([to, action]) => [`match from local for ${to} action "${action}"`, `match from src 127.0.0.1 for ${to} action "${action}"`]).join('\n')}
`;
}

/** Postfix and Dovecot changes on top of startMailServers: routes to the other servers, quota, listeners. */
function reconfigurePostfix(mail: MailServers, ports: Ports): void {
  const conf = path.join(mail.dir, 'conf');
  const lmtpSocket = path.join(mail.dir, 'dovecot-run/lmtp-postfix');
  const past = new Date(Date.now() - 10_000);
  const append = (file: string, text: string) => {
    fs.appendFileSync(path.join(conf, file), text);
    fs.utimesSync(path.join(conf, file), past, past);
  };
  append('transport', [
    `full@outpost.test lmtp:unix:${lmtpSocket}`,
    `exim.test smtp:[127.0.0.1]:${ports.eximIn}`,
    `relay.test smtp:[127.0.0.1]:${ports.eximIn}`,
    `blackhole.test smtp:[127.0.0.1]:${ports.blackhole}`,
    `tempfail.test smtp:[127.0.0.1]:${ports.tempfail}`,
  ].join('\n') + '\n');
  append('master.cf', [
    'smtp      unix  - - n - - smtp',
    `127.0.0.1:${ports.pfBig} inet n - n - - smtpd -o smtpd_reject_unlisted_recipient=yes -o message_size_limit=20000`,
    `127.0.0.1:${ports.pfNoRelay} inet n - n - - smtpd -o mynetworks=192.0.2.0/32 -o smtpd_relay_restrictions=reject_unauth_destination`,
  ].join('\n') + '\n');
  const set = (kv: string[]) => execFileSync('postconf', ['-c', conf, '-e', ...kv]);
  set([
    'default_transport = smtp',
    'relay_transport = smtp',
    'delay_warning_time = 1s',
    'smtp_connect_timeout = 3s',
    'smtp_helo_timeout = 3s',
    'smtp_tls_security_level = none',
  ]);
  fs.utimesSync(path.join(conf, 'main.cf'), past, past);
  const r = spawnSync('postfix', ['-c', conf, 'reload'], { encoding: 'utf8', timeout: 30_000 });
  if (r.status !== 0) throw new Error(`postfix reload: ${r.stderr}`);
  // Dovecot LMTP quota: 20 KB per user (only LMTP users: full and the vacation responders).
  fs.appendFileSync(path.join(conf, 'dovecot.conf'), `
protocol lmtp {
  mail_plugins = $mail_plugins quota sieve
}
plugin {
  quota = maildir:User quota
  quota_rule = *:storage=20K
}
`);
}


async function stopChild(child: ChildProcess | undefined, what: string): Promise<void> {
  if (!child || child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  process.kill(child.pid, 'SIGTERM');
  const t = setTimeout(() => child.pid !== undefined && child.exitCode === null && process.kill(child.pid, 'SIGKILL'), 5_000);
  await exited;
  clearTimeout(t);
  log(`${what} stopped (pid ${child.pid})`);
}

/** Children a daemon forked (Exim's delivery processes) that outlived it: ended by pid. */
function killDescendants(pid: number | undefined): void {
  if (!pid) return;
  const kids = (spawnSync('ps', ['-o', 'pid=', '--ppid', String(pid)]).stdout?.toString() ?? '').split(/\s+/).filter(Boolean).map(Number);
  for (const k of kids) {
    killDescendants(k);
    try {
      process.kill(k, 'SIGTERM');
    } catch {
      // gone
    }
  }
}

function padding(): string {
  const line = 'The quarterly figures are attached below for your review, with the notes from the planning meeting.\n';
  return line.repeat(Math.ceil(PAD / line.length));
}

async function send(s: Scenario, ports: Ports, mail: MailServers, stamp: string): Promise<void> {
  const port = s.via === 'postfix' ? mail.smtpPort : s.via === 'exim' ? ports.eximSub : ports.smtpdSub;
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, name: 'client.outpost.test' });
  const body = `Hello,\n\nthis is the update we talked about (${s.code}).\n\nRegards,\nSam\n` + (s.big ? padding() : '');
  await transport.sendMail({
    envelope: { from: s.from, to: [s.to] },
    from: `Sam Sender <${s.from}>`,
    to: s.to,
    subject: `Project update ${s.code}`,
    messageId: `<${s.code}.${stamp}@outpost.test>`,
    text: body,
    headers: { 'X-Outpost-Copy': `${s.code}-${stamp}` },
    ...(s.notifySuccess ? { dsn: { id: `${s.code}-${stamp}`, return: 'headers', notify: ['success', 'failure'], recipient: s.to } } : {}),
  });
  transport.close();
}

// OpenSMTPD 6.8 words its final expiry report as a delay ("Action: delayed", "Envelope expired",
// Status 4.4.7): it is the last report for the message, so it is filed as the final one.
const isDelay = (raw: string) =>
  !/Envelope expired/.test(raw) && (/^Action:\s*delayed/im.test(raw) || /^Subject:.*\b(delayed|warning: message)/im.test(raw) || /^Subject:.*Delay/m.test(raw));

function statusOf(raw: string): string | null {
  return raw.match(/^Status:\s*([245]\.\d{1,3}\.\d{1,3})/im)?.[1] ?? null;
}

/** The README's table of causes (between its `<!-- causes -->` markers) and versions, from SCENARIOS. */
function writeCauseTable(v: Record<string, string>): void {
  const readme = path.join(HERE, 'README.md');
  if (!fs.existsSync(readme)) return;
  const rows = SCENARIOS.map((s) => `| \`${s.source}-${s.cause}${s.delay ? '[-delay]' : ''}\` | ${s.from} via ${s.via} | ${s.to} | ${s.cls} / ${s.reason} | ${s.how.replace(/\|/g, '\\|')} |`);
  const table = [
    `Written by Postfix ${v.postfix}, Dovecot ${v.dovecot} (Pigeonhole Sieve), Exim ${v.exim} (Debian exim4-daemon-light), OpenSMTPD ${v.opensmtpd} (Debian).`,
    '',
    '| file | sender, submitted to | recipient | class / reason | how the cause is induced |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
  const text = fs.readFileSync(readme, 'utf8');
  fs.writeFileSync(readme, text.replace(/<!-- causes -->[\s\S]*<!-- \/causes -->/, `<!-- causes -->\n${table}\n<!-- /causes -->`));
}

async function main(): Promise<void> {
  if (process.getuid?.() !== 0) throw new Error('run as root: it creates system users and runs mail servers');
  if (fs.existsSync('/var/run/smtpd.sock') && (await new Promise<boolean>((r) => { const s = net.connect('/var/run/smtpd.sock', () => { s.destroy(); r(true); }); s.on('error', () => r(false)); }))) {
    throw new Error('an OpenSMTPD is already running (/var/run/smtpd.sock answers); its spool is /var/spool/smtpd, ours too');
  }
  ensurePackages();
  const v = versions();
  log('versions', v);

  const ports: Ports = {
    pfStrict: 0, pfBig: await freePort(), pfNoRelay: await freePort(),
    eximSub: await freePort(), eximIn: await freePort(), smtpdSub: await freePort(),
    blackhole: await freePort(), tempfail: await freePort(),
  };
  const mailboxes = ['sender', 'exim-sender', 'smtpd-sender', 'alice', 'full', 'big', ...VACATIONS.map((x) => x.user)].map((user) => ({ user, password: 'x' }));
  let mail: MailServers | undefined;
  let exim: ChildProcess | undefined;
  let smtpd: ChildProcess | undefined;
  const remotes = [fakeRemote('blackhole', ports.blackhole), fakeRemote('tempfail', ports.tempfail)];
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-corpus-'));
  fs.chmodSync(work, 0o755);
  const limit = setTimeout(() => {
    console.error(`corpus: over ${RUN_LIMIT_MS / 1000} s, stopping`);
    void cleanup().then(() => process.exit(2));
  }, RUN_LIMIT_MS);
  let cleaned = false;
  async function cleanup(): Promise<void> {
    if (cleaned) return;
    cleaned = true;
    killDescendants(exim?.pid);
    await Promise.all([stopChild(exim, 'exim'), stopChild(smtpd, 'opensmtpd')]);
    if (mail) await mail.stop();
    for (const r of remotes) r.close();
    fs.rmSync(work, { recursive: true, force: true });
    fs.rmSync('/var/spool/smtpd', { recursive: true, force: true });
    clearTimeout(limit);
  }
  try {
    mail = await startMailServers(mailboxes, { vacation: VACATIONS });
    ports.pfStrict = mail.strictSmtpPort;
    reconfigurePostfix(mail, ports);
    // full@outpost.test is over its 20 KB quota before the test message arrives.
    mail.deliverRaw('full', `From: someone@outpost.test\r\nTo: full@outpost.test\r\nSubject: archive\r\n\r\n${`${'y'.repeat(76)}\r\n`.repeat(400)}`);
    await mail.restartDovecot();
    log('postfix + dovecot up', { smtp: mail.smtpPort, strict: mail.strictSmtpPort });

    // Exim: private spool, config owned by root (it refuses -C files others can write).
    const ed = path.join(work, 'exim');
    for (const sub of ['spool', 'log', 'mail']) fs.mkdirSync(path.join(ed, sub), { recursive: true });
    // full@exim.test is over its 20 KB quota before the test message arrives.
    for (const sub of ['cur', 'new', 'tmp']) fs.mkdirSync(path.join(ed, 'mail/full', sub), { recursive: true });
    fs.writeFileSync(path.join(ed, 'mail/full/cur', `${Math.floor(Date.now() / 1000)}.archive.mx:2,S`), `Subject: archive\n\n${`${'y'.repeat(76)}\n`.repeat(400)}`);
    execFileSync('chown', ['-R', 'Debian-exim:Debian-exim', ed]);
    fs.writeFileSync(path.join(ed, 'exim.conf'), eximConfig(ed, ports), { mode: 0o644 });
    fs.writeFileSync(path.join(ed, 'ports'), [
      `big@outpost.test: ${ports.pfBig}`,
      `outpost.test: ${ports.pfStrict}`,
      `relay.test: ${ports.pfNoRelay}`,
      `blackhole.test: ${ports.blackhole}`,
      `tempfail.test: ${ports.tempfail}`,
    ].join('\n') + '\n');
    const eximLog = fs.openSync(path.join(work, 'exim.out'), 'a');
    exim = spawn(EXIM, ['-C', path.join(ed, 'exim.conf'), '-bdf', '-q1s'], { stdio: ['ignore', eximLog, eximLog] });
    // OpenSMTPD: its spool and chroot are compiled in (/var/spool/smtpd, /var/lib/opensmtpd/empty).
    fs.rmSync('/var/spool/smtpd', { recursive: true, force: true });
    fs.mkdirSync('/var/spool/smtpd', { recursive: true, mode: 0o711 });
    fs.mkdirSync('/var/lib/opensmtpd/empty', { recursive: true, mode: 0o755 });
    fs.writeFileSync(path.join(work, 'smtpd.conf'), smtpdConfig(ports), { mode: 0o644 });
    const smtpdLog = fs.openSync(path.join(work, 'smtpd.out'), 'a');
    smtpd = spawn(SMTPD, ['-d', '-f', path.join(work, 'smtpd.conf')], { stdio: ['ignore', smtpdLog, smtpdLog] });
    await Promise.all([waitForPort(ports.eximSub, 'exim', 20_000), waitForPort(ports.eximIn, 'exim', 20_000), waitForPort(ports.smtpdSub, 'opensmtpd', 20_000), waitForPort(ports.pfBig, 'postfix big listener', 20_000)]);
    log('exim + opensmtpd up');

    const stamp = `${Date.now().toString(36)}`;
    for (const s of SCENARIOS) {
      try {
        await send(s, ports, mail, stamp);
      } catch (err) {
        log(`${s.code} ${s.source}/${s.cause}: submission refused: ${(err as Error).message}`);
      }
    }
    log(`${SCENARIOS.length} messages sent`);

    // Wait for every report: the final one for each scenario, and the delay warning where expected.
    const boxes = [...new Set(SCENARIOS.map((s) => s.from.split('@')[0]!))];
    const found = new Map<string, string>(); // key code or code:delay -> raw
    const want = SCENARIOS.flatMap((s) => (s.delay ? [s.code, `${s.code}:delay`] : [s.code]));
    const end = Date.now() + 150_000;
    while (Date.now() < end) {
      for (const box of boxes) {
        for (const raw of mail.maildir(box)) {
          const code = raw.match(/\b(c\d\d)\.[0-9a-z]+@outpost\.test/)?.[1] ?? raw.match(/Project update (c\d\d)/)?.[1];
          if (!code || !raw.includes(stamp)) continue;
          const key = isDelay(raw) ? `${code}:delay` : code;
          if (!found.has(key)) found.set(key, raw);
          if (process.env.CORPUS_KEEP_LOGS) {
            fs.mkdirSync(path.join(CACHE, 'captured'), { recursive: true });
            fs.writeFileSync(path.join(CACHE, 'captured', `${key.replace(':', '-')}-${raw.length}.eml`), raw);
          }
        }
      }
      if (want.every((k) => found.has(k))) break;
      await sleep(500);
    }
    const missing = want.filter((k) => !found.has(k));
    if (missing.length && !process.env.CORPUS_ALLOW_MISSING) {
      throw new Error(`no report for ${missing.join(', ')}; the corpus is left as it was (CORPUS_KEEP_LOGS=1 keeps the servers' logs in ${CACHE}; CORPUS_ALLOW_MISSING=1 writes what came)`);
    }
    if (missing.length) log('no report for', missing.map((k) => { const s = SCENARIOS.find((x) => x.code === k.split(':')[0])!; return `${k} ${s.source}/${s.cause}`; }).join(', '));
    const extra = [...found.keys()].filter((k) => !want.includes(k));
    if (extra.length) log('unexpected extra reports', extra);

    // Write the corpus: emails/<source>-<cause>[-delay].eml and labels.jsonl.
    fs.rmSync(OUT, { recursive: true, force: true });
    fs.mkdirSync(OUT, { recursive: true });
    const labels: string[] = [];
    for (const s of SCENARIOS) {
      for (const key of [`${s.code}:delay`, s.code]) {
        const raw = found.get(key);
        if (!raw) continue;
        const delay = key.endsWith(':delay');
        const file = `emails/${s.source}-${s.cause}${delay ? '-delay' : ''}.eml`;
        fs.writeFileSync(path.join(HERE, file), raw);
        labels.push(JSON.stringify({ file, source: s.source, cause: delay ? `${s.cause}-delay` : s.cause, class: s.cls, reason: s.reason, status: s.source === 'sieve' ? null : statusOf(raw) }));
      }
    }
    fs.writeFileSync(path.join(HERE, 'labels.jsonl'), labels.join('\n') + '\n');
    fs.writeFileSync(path.join(HERE, 'versions.json'), JSON.stringify({ ...v, generated: new Date().toISOString().slice(0, 10) }, null, 2) + '\n');
    writeCauseTable(v);
    log(`wrote ${labels.length} reports to ${OUT}`);
    if (process.env.CORPUS_KEEP_LOGS) {
      for (const f of ['exim.out', 'smtpd.out', 'exim/log/mainlog', 'exim/log/paniclog']) if (fs.existsSync(path.join(work, f))) fs.copyFileSync(path.join(work, f), path.join(CACHE, path.basename(f)));
      fs.writeFileSync(path.join(CACHE, 'postfix.log'), mail.postfixLog());
      fs.writeFileSync(path.join(CACHE, 'dovecot.log'), mail.dovecotLog());
    }
  } finally {
    await cleanup();
  }
  log('done, every server stopped');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});

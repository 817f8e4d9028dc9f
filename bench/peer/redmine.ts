/*
 * The peer, Redmine 5.0.4 from Debian's packages on SQLite behind puma with one thread, driven through the
 * setup script of ../shared/peers/redmine (install, database settings, reset, start, stop, bulk load), and
 * the workloads' requests against its REST API.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Slot, expectStatus } from './http.js';
import type { System } from './system.js';

/** Where the peer's setup lives: ../shared/peers/redmine from the repository root, or BENCH_PEER_DIR. */
export const PEER_DIR = process.env.BENCH_PEER_DIR ?? resolve(process.cwd(), '../shared/peers/redmine');
const RUN_DIR = '/tmp/redmine-bench';
const DB_FILE = '/var/lib/dbconfig-common/sqlite3/redmine/instances/default/redmine_default';
const PORT = 3300;

interface Setup {
  api_key: string;
  project_id: number;
  tracker_ids: number[];
  user_ids: number[];
  statuses: { id: number; name: string; is_closed: boolean }[];
  priority_ids: number[];
}

function setupSh(args: string[], env: Record<string, string> = {}): string {
  const r = spawnSync('bash', [join(PEER_DIR, 'setup.sh'), ...args], { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`setup.sh ${args.join(' ')} failed (${r.status}):\n${(r.stdout + r.stderr).slice(-2000)}`);
  return r.stdout;
}

/** Whether Debian's redmine, redmine-sqlite and puma packages are installed. */
export function peerInstalled(): boolean {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}\n', 'redmine', 'redmine-sqlite', 'puma'], { encoding: 'utf8' });
  return (
    r.status === 0 &&
    r.stdout
      .trim()
      .split('\n')
      .every((l) => l.endsWith('install ok installed'))
  );
}

/**
 * Why the peer cannot run here, or null: the setup script must be there, and installing (apt-get as root)
 * is done only when asked.
 */
export function ensurePeer(install: boolean): string | null {
  if (!existsSync(join(PEER_DIR, 'setup.sh'))) return `no peer setup at ${PEER_DIR} (set BENCH_PEER_DIR)`;
  if (peerInstalled()) return null;
  if (!install) return 'Redmine is not installed; run with --install (apt-get, as root) to install it from Debian packages';
  if (process.getuid?.() !== 0) return 'installing Redmine needs root (apt-get)';
  try {
    // BUNDLE_GEMFILE must not be set while Debian's postinst runs (see side-by-side-2026-12-07.md).
    const env = { ...process.env };
    delete env.BUNDLE_GEMFILE;
    execFileSync('bash', [join(PEER_DIR, 'setup.sh'), 'install'], { stdio: 'inherit', env });
  } catch (e) {
    return `installing Redmine failed: ${e instanceof Error ? e.message : String(e)}`;
  }
  return peerInstalled() ? null : 'Redmine packages still missing after the install';
}

/** A fresh Redmine database with the bench project and users, topped up to `items` issues, served by puma. */
export function startPeer(items: number): System {
  setupSh(['stop']);
  setupSh(['dbtune']);
  setupSh(['reset']);
  // E-mail notifications off, as in the peer's main runs: no mail server is configured here.
  setupSh(['runner', quietRb()]);
  const bulk = JSON.parse(setupSh(['bulk'], { TARGET: String(items) }).trim()) as { seconds: number; rows_per_s: number };
  setupSh(['start']);
  const pid = Number(readFileSync(join(RUN_DIR, 'puma.pid'), 'utf8').trim());
  const setup = JSON.parse(readFileSync(join(RUN_DIR, 'setup.json'), 'utf8').replace(/^SETUP_JSON /, '')) as Setup;
  return redmineSystem(pid, setup, bulk.seconds);
}

/** A rails-runner file that turns e-mail notifications off (written next to the run's files). */
function quietRb(): string {
  const file = join(RUN_DIR, 'quiet.rb');
  execFileSync('bash', ['-c', `mkdir -p ${RUN_DIR} && printf '%s\\n' "Setting.notified_events = []" > ${file} && chmod 644 ${file}`]);
  return file;
}

function redmineSystem(pid: number, setup: Setup, loadSeconds: number): System {
  const base = new URL(`http://127.0.0.1:${PORT}`);
  const headers = () => ({ 'x-redmine-api-key': setup.api_key });
  const status = (name: string) => setup.statuses.find((s) => s.name === name)!.id;
  const [IN_PROGRESS, RESOLVED] = [status('In Progress'), status('Resolved')];
  const users = setup.user_ids;
  const day = (i: number) => new Date(Date.UTC(2025, 0, 1) + (i % 365) * 86_400_000).toISOString().slice(0, 10);
  const filter = (u: number) =>
    `/issues.json?project_id=${setup.project_id}&status_id=${IN_PROGRESS}&assigned_to_id=${u}&due_date=${encodeURIComponent('><2025-01-01|2025-06-30')}&sort=${encodeURIComponent('due_date:desc,id:desc')}`;
  return {
    name: 'Redmine 5.0.4 (SQLite, puma 1 thread)',
    pid,
    loadSeconds,
    slot: () => new Slot(base, headers),
    async create(slot, i) {
      const r = await slot.call('POST', '/issues.json', {
        issue: {
          project_id: setup.project_id,
          tracker_id: setup.tracker_ids[0],
          subject: `Peer bench issue ${i}: follow up the inspection findings`,
          description: 'Set up a ledger of the findings, name who is responsible and report the progress every week until all are closed.',
          assigned_to_id: users[i % users.length],
          priority_id: setup.priority_ids[1] ?? setup.priority_ids[0],
          start_date: '2025-01-01',
          due_date: day(i * 7),
        },
      });
      const err = expectStatus(r, 201);
      return err ? { error: err } : { id: String((JSON.parse(r.text) as { issue: { id: number } }).issue.id) };
    },
    async transition(slot, id, step) {
      const r = await slot.call('PUT', `/issues/${id}.json`, { issue: { status_id: step === 0 ? IN_PROGRESS : RESOLVED, notes: `Progress note ${step}: work under way.` } });
      return expectStatus(r, 200, 204);
    },
    async listPage(slot, unitIndex, page) {
      const r = await slot.call('GET', `${filter(users[unitIndex % users.length]!)}&limit=25&offset=${page * 25}`);
      return expectStatus(r, 200);
    },
    async matches(slot, unitIndex) {
      const r = await slot.call('GET', `${filter(users[unitIndex % users.length]!)}&limit=1`);
      if (r.status !== 200) throw new Error(`counting the filter's matches: HTTP ${r.status} ${r.text.slice(0, 200)}`);
      return Math.ceil((JSON.parse(r.text) as { total_count: number }).total_count / 25);
    },
    async countPerState(slot) {
      // Redmine's REST API has no group-by: one request per status, reading total_count.
      for (const s of setup.statuses) {
        const r = await slot.call('GET', `/issues.json?project_id=${setup.project_id}&status_id=${s.id}&limit=1`);
        const err = expectStatus(r, 200);
        if (err) return err;
      }
      return null;
    },
    async get(slot, id) {
      return expectStatus(await slot.call('GET', `/issues/${id}.json?include=journals`), 200);
    },
    dbBytes: () => Promise.resolve([DB_FILE, `${DB_FILE}-journal`, `${DB_FILE}-wal`].reduce((n, f) => n + (existsSync(f) ? statSync(f).size : 0), 0)),
    stop() {
      setupSh(['stop']);
      return Promise.resolve();
    },
  };
}

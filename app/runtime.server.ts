import { type AppConfig, appConfig } from './config.server';
import { type DatabaseHandle, openDatabase } from './db/database.server';
import { migrateToLatest } from './db/migrate.server';
import { type CourseLibrary, loadCourses } from './courses/load.server';
import { seedDemoData } from './demo/seed.server';
import { type LessonLibrary, loadLessonModules } from './lessons/load.server';
import { type LiveBus, createInProcessBus, createPostgresBus } from './live/bus.server';
import { LiveHub } from './live/hub.server';
import { logger } from './logger.server';
import { deleteExpiredRateRows, setRateLimitKey } from './security/rate-limit.server';
import { type GroupSessions, createGroupSessions, vacuumAfterEndedSessions } from './sessions/group-sessions.server';
import { type SessionHub, readSessionViews } from './sessions/read-views.server';
import { deliverOutbox } from './mail/outbox.server';
import { queueTrainingDayReminders } from './training-days/training-days.server';

export interface Runtime {
  database: DatabaseHandle;
  /** Session changes between instances (in-process, or LISTEN/NOTIFY) and the SSE fan-out of this one. */
  live: { bus: LiveBus; hub: SessionHub };
  /** Every module × variant, validated at start-up: bad content stops the server. */
  lessons: LessonLibrary;
  /** The courses for professionals, validated and checked at start-up (decision 0016). */
  courses: CourseLibrary;
  /** Every write to a group session, each announced on the live bus. */
  groupSessions: GroupSessions;
}

// Kept on globalThis so that a re-imported module (Vite's dev reload) finds the same
// database instead of opening the PGlite files a second time.
const runtimeKey = Symbol.for('weerbaar.runtime');
type RuntimeGlobal = typeof globalThis & { [runtimeKey]?: Promise<Runtime> };

/** Loads the configuration, opens the database, migrates and seeds; idempotent. */
export function startRuntime(): Promise<Runtime> {
  const global = globalThis as RuntimeGlobal;
  global[runtimeKey] ??= createRuntime().catch((error) => {
    delete global[runtimeKey];
    throw error;
  });
  return global[runtimeKey];
}

async function createRuntime(): Promise<Runtime> {
  const started = Date.now();
  const config = appConfig();
  setRateLimitKey(config.sessionSecrets[0]!);
  const lessons = loadLessonModules(config.contentDir);
  const courses = loadCourses();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const applied = await migrateToLatest(database.db);
  const demo = config.seedDemoData ? await seedDemoData(database.db, config.dataDir, courses) : undefined;
  logger.info(
    {
      database: database.kind,
      dataDir: database.kind === 'pglite' ? config.dataDir : undefined,
      migrationsApplied: applied,
      demoDataSeeded: demo?.seeded ?? false,
      ms: Date.now() - started,
    },
    'runtime ready',
  );
  for (const account of demo?.accounts ?? []) {
    // Demo accounts only (random per data dir, see data/demo-accounts.json): the log may say them.
    logger.info({ demoAccount: account.label }, `demo sign-in (${account.label}): ${account.email} / ${account.password} at /account/sign-in`);
  }
  const bus = config.databaseUrl ? await createPostgresBus(config.databaseUrl, logger) : createInProcessBus();
  const hub = new LiveHub(bus, (sessionId, withFacilitator) => readSessionViews(database.db, lessons, sessionId, withFacilitator));
  const groupSessions = createGroupSessions({ db: database.db, lessons, bus });
  scheduleSessionExpiry(database, groupSessions);
  scheduleRateLimitSweep(database);
  scheduleTrainingDayReminders(database, courses, config);
  return { database, lessons, courses, live: { bus, hub }, groupSessions };
}

/**
 * Sessions end by themselves 12 hours after they started (nicknames go): at start-up and every
 * minute. After any session ended (here or by its facilitator), `participants` is vacuumed, so
 * that the erased nicknames' old row versions can be overwritten (decision 0013).
 */
function scheduleSessionExpiry(database: DatabaseHandle, groupSessions: GroupSessions) {
  let vacuumedUpTo = new Date(0);
  const sweep = () =>
    groupSessions
      .endExpired()
      .then(async () => {
        vacuumedUpTo = await vacuumAfterEndedSessions(database.db, vacuumedUpTo);
      })
      .catch((error) => logger.warn({ err: error }, 'ending expired sessions failed'));
  void sweep();
  setInterval(sweep, 60 * 1000).unref();
}

/** Rate-limit rows no rule reads any more are deleted every ten minutes (not on requests). */
function scheduleRateLimitSweep(database: DatabaseHandle) {
  const sweep = () => deleteExpiredRateRows(database.db).catch((error) => logger.warn({ err: error }, 'deleting old rate-limit rows failed'));
  void sweep();
  setInterval(sweep, 10 * 60 * 1000).unref();
}

/**
 * The day-before reminders of training days (decision 0018): a sweep in this process, at
 * start-up and every five minutes, that queues each reminder once in the outbox (tests call
 * queueTrainingDayReminders directly instead of waiting for it).
 */
function scheduleTrainingDayReminders(database: DatabaseHandle, courses: CourseLibrary, config: AppConfig) {
  const sweep = () =>
    queueTrainingDayReminders(database.db, courses, { origin: config.publicUrl ?? config.localOrigin })
      .then((queued) => (queued > 0 ? deliverOutbox(database.db) : undefined))
      .catch((error) => logger.warn({ err: error }, 'queueing training-day reminders failed'));
  setTimeout(sweep, 5_000).unref();
  setInterval(sweep, 5 * 60 * 1000).unref();
}

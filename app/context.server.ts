import type { Kysely } from 'kysely';
import type { CourseLibrary } from './courses/load.server';
import type { DatabaseHandle } from './db/database.server';
import type { Database } from './db/schema.server';
import type { LessonLibrary } from './lessons/load.server';
import type { LiveBus } from './live/bus.server';
import type { Runtime } from './runtime.server';
import type { GroupSessions } from './sessions/group-sessions.server';
import type { SessionHub } from './sessions/read-views.server';

/**
 * What the process holds once it has started (decision 0022): the database, the content, and
 * the live fan-out. A route reads them from its `context`; a domain function takes the ones it
 * needs as arguments (`Pick<AppServices, 'db'>`, or just `db`), and never reaches for a global.
 * Configuration is not here: it is a plain module value (`appConfig()`), read once from the
 * environment, so that cookies and origins can be built from it anywhere.
 */
export interface AppServices {
  db: Kysely<Database>;
  /** Embedded PGlite or PostgreSQL (the health check says which). */
  databaseKind: DatabaseHandle['kind'];
  /** Every module × variant, validated at start-up. */
  lessons: LessonLibrary;
  /** The courses for professionals, validated at start-up. */
  courses: CourseLibrary;
  /** Session changes between instances, and this instance's SSE fan-out. */
  live: { bus: LiveBus; hub: SessionHub };
  /** Every write to a group session: each announces its change on `live.bus` itself. */
  groupSessions: GroupSessions;
}

/** What server.mjs knows about the request itself. */
export interface RequestFacts {
  /** The CSP nonce of this response's scripts. */
  nonce: string;
  requestId: string;
  /** The client's address (from `X-Forwarded-For` only with TRUST_PROXY): the key of the join and sign-in limits. */
  clientIp: string;
}

declare module '@remix-run/node' {
  // Every loader and action gets these as `context` (server.mjs → getLoadContext).
  interface AppLoadContext extends AppServices, RequestFacts {}
}

/** The load context of one request: the started runtime's services and the request's facts. */
export function createLoadContext(runtime: Runtime, facts: RequestFacts): AppServices & RequestFacts {
  return {
    db: runtime.database.db,
    databaseKind: runtime.database.kind,
    lessons: runtime.lessons,
    courses: runtime.courses,
    live: runtime.live,
    groupSessions: runtime.groupSessions,
    ...facts,
  };
}

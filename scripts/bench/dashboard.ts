// The coordinators' dashboard at the scale of Flanders and beyond, on PostgreSQL:
//   npx vite-node scripts/bench/dashboard.ts
// Creates two databases on the server of BENCH_DATABASE_URL (default: the local one), an
// empty one and one filled with 5,000 organisations, 50,000 accounts, 200,000 group
// sessions, their participants and 2,000,000 progress events (realistic spreads, made in
// SQL), then times the whole dashboard (every indicator + suppression) for a set of
// filters on both, and prints p50/p95 per database and the ratio. Knobs: BENCH_SCALE
// (1 = the sizes above), BENCH_ROUNDS (5 per filter), BENCH_KEEP=1 keeps the databases,
// BENCH_REUSE=1 times the databases a kept run left (no filling).
import pg from 'pg';
import { openDatabase } from '../../app/db/database.server';
import { migrateToLatest } from '../../app/db/migrate.server';
import { loadCourses } from '../../app/courses/load.server';
import { loadLessonModules } from '../../app/lessons/load.server';
import { readDashboard } from '../../app/stats/dashboard.server';
import { readDashboardFilters } from '../../app/stats/filters';
import * as indicators from '../../app/stats/indicators.server';

const server = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const scale = Number(process.env.BENCH_SCALE ?? 1);
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const sizes = {
  organisations: Math.round(5_000 * scale),
  accounts: Math.round(50_000 * scale),
  sessions: Math.round(200_000 * scale),
  progressEvents: Math.round(2_000_000 * scale),
};

const filterSets = [
  'period=all',
  'period=year&year=2026',
  'period=quarter&year=2026&quarter=2',
  'period=month&year=2025&month=10',
  'period=year&year=2026&place=flanders',
  'period=year&year=2025&place=luik&organisationType=youth_care',
  'period=year&year=2026&module=wie-ben-ik&variant=standard&language=nl',
  'period=custom&from=2024-03-01&to=2026-02-28&language=fr',
];

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function urlFor(name: string): string {
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

async function freshDatabase(name: string) {
  await admin(async (client) => {
    await client.query(`drop database if exists ${name} with (force)`);
    await client.query(`create database ${name}`);
  });
  const handle = await openDatabase({ databaseUrl: urlFor(name), dataDir: 'unused' });
  await migrateToLatest(handle.db);
  return handle;
}

/** Volume made by PostgreSQL itself: a few statements, each a generate_series with weighted choices. */
async function fill(url: string, moduleIds: string[]) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const started = Date.now();
  const step = async (label: string, query: string) => {
    const t = Date.now();
    await client.query(query);
    console.log(`  ${label.padEnd(28)} ${((Date.now() - t) / 1000).toFixed(1)} s`);
  };
  const modules = `array[${moduleIds.map((id) => `'${id}'`).join(',')}]`;
  try {
    // Provinces weighted roughly by population; types mostly youth care and schools.
    await step(
      'organisations',
      `insert into organisations (name, normalised_name, type, postal_code, municipality, region, created_at)
       select 'Organisatie ' || g, 'organisatie ' || g,
         (array['youth_care','youth_care','youth_care','school','school','clb','police_zone','caw','jac','other'])[1 + (g * 7) % 10],
         lpad((1000 + (g * 37) % 8999)::text, 4, '0'), 'Gemeente ' || (g % 500),
         (array['antwerpen','antwerpen','antwerpen','oost_vlaanderen','oost_vlaanderen','west_vlaanderen','west_vlaanderen','vlaams_brabant','vlaams_brabant','limburg','brussel','brussel','henegouwen','henegouwen','luik','luik','namen','waals_brabant','luxemburg'])[1 + (g * 13) % 19],
         timestamptz '2023-01-01' + (g % 1300) * interval '1 day'
       from generate_series(1, ${sizes.organisations}) g`,
    );
    await step(
      'accounts',
      `insert into users (email, name, password_hash, language, profession, organisation_id, status, created_at)
       select 'user' || g || '@example.org', 'Persoon ' || g, 'x', (array['nl','nl','nl','fr','en'])[1 + g % 5],
         (array['youth_care_worker','youth_care_worker','teacher','pupil_counsellor','psychologist','sexologist','pedagogue','police','youth_worker','caw','jac','other'])[1 + (g * 11) % 12],
         o.id, (array['approved','approved','approved','approved','approved','approved','approved','pending','rejected','disabled'])[1 + (g * 3) % 10],
         timestamptz '2023-01-01' + ((g * 17) % 1400) * interval '1 day'
       from generate_series(1, ${sizes.accounts}) g
       join (select id, row_number() over (order by id) as n from organisations) o on o.n = 1 + (g % ${sizes.organisations})`,
    );
    await step(
      'roles',
      `insert into user_roles (user_id, role) select id, case when (hashtext(id::text) & 7) = 0 then 'trainer' else 'facilitator' end from users`,
    );
    await step(
      'group sessions',
      `insert into group_sessions (organisation_id, facilitator_id, module_id, variant, language, pacing, join_code, status, path, created_at, expires_at, ended_at)
       select o.id, null, (${modules})[1 + (g * 7) % ${moduleIds.length}],
         (array['standard','standard','standard','standard','standard','standard','standard','standard','slechthorend','roma'])[1 + (g * 3) % 10],
         (array['nl','nl','nl','nl','nl','nl','nl','fr','fr','en'])[1 + (g * 7) % 10],
         (array['together','together','together','own_pace'])[1 + g % 4],
         'B' || g, (array['ended','ended','ended','ended','ended','ended','ended','ended','ended','lobby'])[1 + (g * 9) % 10],
         '[]'::jsonb, t, t + interval '12 hours', t + interval '1 hour'
       from generate_series(1, ${sizes.sessions}) g
       join (select id, row_number() over (order by id) as n from organisations) o on o.n = 1 + ((g * 31) % ${sizes.organisations})
       cross join lateral (select timestamptz '2024-01-01' + ((g * 97) % (3 * 365 * 24)) * interval '1 hour' as t) at`,
    );
    // About eight girls a session; a tenth of them finish on their own.
    await step(
      'participants',
      `insert into participants (id, module_id, variant, language, group_session_id, created_at, removed, finished_at)
       select 'q' || s.n || '-' || k, s.module_id, s.variant, s.language, s.id, s.created_at, k = 1 and s.n % 50 = 0,
         case when (s.n + k) % 10 = 0 then s.created_at + interval '50 minutes' end
       from (select id, module_id, variant, language, created_at, row_number() over (order by created_at) as n from group_sessions) s
       cross join lateral generate_series(1, 4 + (s.n % 9)::int) k`,
    );
    await step(
      'solo plays',
      `insert into participants (id, module_id, variant, language, created_at)
       select 'solo' || g, (${modules})[1 + g % ${moduleIds.length}], 'standard', 'nl', timestamptz '2024-01-01' + (g % (3 * 365)) * interval '1 day'
       from generate_series(1, ${Math.round(sizes.sessions / 4)}) g`,
    );
    await step(
      'progress events',
      `insert into progress_events (participant_id, sequence, event, created_at)
       select p.id, k, '{"type":"NEXT"}'::jsonb, p.created_at
       from (select id, created_at from participants order by id limit ${Math.ceil(sizes.progressEvents / 10)}) p
       cross join generate_series(1, 10) k`,
    );
    await step(
      'evaluations',
      `insert into session_evaluations (group_session_id, how_it_went, step_usefulness, comments, session_started_at, module_id, variant, language, organisation_id)
       select id, 1 + (hashtext(id::text) & 3) + 1, '{"welkom": 3, "gevoel": 2}', case when hashtext(id::text) % 9 = 0 then 'Goed gesprek' end,
              created_at, module_id, variant, language, organisation_id
       from group_sessions where status = 'ended' and hashtext(id::text) % 3 = 0`,
    );
    // As autovacuum would have done by now: hint bits set, the visibility map and statistics up to date.
    await step('vacuum and analyse', 'vacuum analyze');
  } finally {
    await client.end();
  }
  console.log(`  filled in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function time(url: string, library: ReturnType<typeof loadLessonModules>) {
  const handle = await openDatabase({ databaseUrl: url, dataDir: 'unused' });
  const t = (key: string) => key;
  const times: number[] = [];
  const perFilter: string[] = [];
  try {
    for (const query of filterSets) {
      const read = readDashboardFilters(new URLSearchParams(query));
      if (!read.ok) throw new Error(query);
      const own: number[] = [];
      for (let round = 0; round < rounds + 1; round++) {
        const started = performance.now();
        await readDashboard(handle.db, library, courses, read.value.filters, read.value.query.year ?? 2026, 'nl', t);
        // The first round warms caches and the JIT; it is not counted.
        if (round > 0) own.push(performance.now() - started);
      }
      times.push(...own);
      perFilter.push(`    ${query.padEnd(66)} p50 ${percentile(own, 50).toFixed(0).padStart(5)} ms`);
    }
  } finally {
    await handle.close();
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95), max: Math.max(...times), perFilter };
}

const library = loadLessonModules();
const courses = loadCourses();
const moduleIds = library.modules.filter((m) => m.variants.standard.module.audience === 'girls').map((m) => m.id);
const emptyName = 'weerbaar_bench_dashboard_empty';
const fullName = 'weerbaar_bench_dashboard_full';
console.log(`Dashboard bench on ${new URL(server).host}: ${JSON.stringify(sizes)}, ${rounds} rounds × ${filterSets.length} filters`);
if (!process.env.BENCH_REUSE) {
  const empty = await freshDatabase(emptyName);
  await empty.close();
  const full = await freshDatabase(fullName);
  await full.close();
  console.log('Filling…');
  await fill(urlFor(fullName), moduleIds);
}
const counts = await admin(async () => {
  const client = new pg.Client({ connectionString: urlFor(fullName) });
  await client.connect();
  try {
    const one = async (table: string) => Number((await client.query(`select count(*) as n from ${table}`)).rows[0].n);
    return {
      organisations: await one('organisations'),
      users: await one('users'),
      group_sessions: await one('group_sessions'),
      participants: await one('participants'),
      progress_events: await one('progress_events'),
    };
  } finally {
    await client.end();
  }
});
console.log(`Rows: ${JSON.stringify(counts)}`);
/** Each indicator alone, period "all" at volume (p50 of the rounds): where the time goes. */
async function breakdown(url: string, library: ReturnType<typeof loadLessonModules>) {
  const handle = await openDatabase({ databaseUrl: url, dataDir: 'unused' });
  const read = readDashboardFilters(new URLSearchParams('period=all'));
  if (!read.ok) throw new Error('filters');
  const f = read.value.filters;
  const each = {
    organisations: () => indicators.countOrganisations(handle.db, f),
    professionals: () => indicators.countProfessionals(handle.db, f),
    sessionsHeld: () => indicators.countSessionsHeld(handle.db, f),
    participations: () => indicators.countParticipations(handle.db, library, f),
    evaluations: () => indicators.summariseEvaluations(handle.db, f),
    pollAnswers: () => indicators.countPollAnswers(handle.db, library, f),
  };
  const lines: string[] = [];
  try {
    for (const [name, run] of Object.entries(each)) {
      const own: number[] = [];
      for (let round = 0; round < rounds + 1; round++) {
        const started = performance.now();
        await run();
        if (round > 0) own.push(performance.now() - started);
      }
      lines.push(`    ${name.padEnd(16)} p50 ${percentile(own, 50).toFixed(0).padStart(5)} ms`);
    }
  } finally {
    await handle.close();
  }
  return lines;
}

const emptyTimes = await time(urlFor(emptyName), library);
const fullTimes = await time(urlFor(fullName), library);
console.log('Empty database:');
console.log(emptyTimes.perFilter.join('\n'));
console.log('At volume:');
console.log(fullTimes.perFilter.join('\n'));
console.log('At volume, each indicator alone (period=all):');
console.log((await breakdown(urlFor(fullName), library)).join('\n'));
console.log(`\nEmpty database: p50 ${emptyTimes.p50.toFixed(0)} ms, p95 ${emptyTimes.p95.toFixed(0)} ms`);
console.log(`At volume:      p50 ${fullTimes.p50.toFixed(0)} ms, p95 ${fullTimes.p95.toFixed(0)} ms, max ${fullTimes.max.toFixed(0)} ms (budget p95 ≤ 500 ms)`);
console.log(`Ratio at volume / empty (p95): ${(fullTimes.p95 / emptyTimes.p95).toFixed(1)}×`);
if (!process.env.BENCH_KEEP) {
  await admin(async (client) => {
    await client.query(`drop database if exists ${emptyName} with (force)`);
    await client.query(`drop database if exists ${fullName} with (force)`);
  });
}

// The hub side by side with PostGraphile 5 on the same PostgreSQL tables (issue 10). Started by run.sh, which builds the
// hub and installs this folder's packages; see README "Speed against PostGraphile". Steps:
//  1. the hub on PostgreSQL (Release, Production settings) builds or reuses its store in database PEER_DATABASE;
//  2. a read-only role is granted SELECT on those tables and PostGraphile 5 serves them through it;
//  3. the hub on its embedded SQLite default (same seed and population, so the same patients) unless PEER_SQLITE=0;
//  4. each query is asked once of every server and the answers compared (same rows, same ids), then warm-up, then timed
//     runs with autocannon, alternating the servers and their order, and a table of requests/s, latencies and ratios.
import { spawn, execFile } from "node:child_process";
import { mkdirSync, createWriteStream, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import autocannon from "autocannon";
import pg from "pg";

const here = path.dirname(fileURLToPath(import.meta.url));
const env = process.env;
const settings = {
  postgres: required("PHM_PEER_POSTGRES"),
  database: env.PEER_DATABASE ?? "phm_peer",
  reader: env.PEER_READER ?? "phm_peer_reader",
  readerPassword: env.PEER_READER_PASSWORD ?? "phm-peer-read-only",
  hubDll: required("PEER_HUB_DLL"),
  cliDll: required("PEER_CLI_DLL"),
  work: env.PEER_WORK ?? path.join(here, ".work"),
  // The hub's advice for throughput on PostgreSQL (README, Running on PostgreSQL), and the transport PostGraphile's client uses:
  // node-postgres connects without TLS unless told to, where Npgsql takes TLS whenever the server offers it (Debian's does), which
  // cost the hub and its PostgreSQL sessions an encryption of every statement and row that PostGraphile's did not pay.
  npgsqlOptions: env.PEER_NPGSQL_OPTIONS ?? "NoResetOnClose=true;MaxAutoPrepare=20;SSL Mode=Disable",
  sqlite: env.PEER_SQLITE !== "0",
  practice: env.PEER_PRACTICE ?? "J82081",
  pcn: env.PEER_PCN ?? "U18986",
  ports: { peer: int("PEER_POSTGRAPHILE_PORT", 5480), hubPostgres: int("PEER_HUB_PORT", 5481), hubSqlite: int("PEER_HUB_SQLITE_PORT", 5482) },
  warmUpSeconds: int("PEER_WARMUP", 5, 0),
  // Short runs and more rounds rather than long ones: where the machine is shared its load swings within seconds, and
  // alternating often puts each server under much the same load as the others.
  durationSeconds: int("PEER_DURATION", 5),
  rounds: int("PEER_ROUNDS", 4),
  startTimeoutSeconds: int("PEER_START_TIMEOUT", 1800),
  floor: env.PEER_FLOOR !== "0",
};

function required(name) {
  if (!env[name]) fail(`${name} is not set (run bench/peer/run.sh rather than this file)`);
  return env[name];
}

function int(name, fallback, least = 1) {
  if (env[name] === undefined || env[name] === "") return fallback;
  const value = Number(env[name]);
  if (!Number.isInteger(value) || value < least) fail(`${name} must be a whole number of at least ${least}, not "${env[name]}"`);
  return value;
}

function fail(message) {
  console.error(`bench/peer: ${message}`);
  process.exit(1);
}

const children = [];
const stopChildren = () => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
};
process.on("exit", stopChildren);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(130));

mkdirSync(settings.work, { recursive: true });
const started = new Date();
const machine = {
  cores: cpus().length,
  cpu: cpus()[0]?.model ?? "unknown",
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  loadAtStart: loadavg().map((l) => l.toFixed(1)).join(" "),
};

// ---- PostgreSQL: the owner's connection (from a .NET-style connection string, as the tests take it) and the reader ----

const owner = parseConnectionString(settings.postgres);
const ownerOfBench = { ...owner, database: settings.database };
const hubConnectionString = `${withDatabase(settings.postgres, settings.database)};${settings.npgsqlOptions}`;

function parseConnectionString(text) {
  const parts = Object.fromEntries(
    text.split(";").filter((p) => p.includes("=")).map((p) => {
      const at = p.indexOf("=");
      return [p.slice(0, at).trim().toLowerCase().replace(/\s+/g, ""), p.slice(at + 1).trim()];
    }),
  );
  return {
    host: parts.host ?? parts.server ?? "127.0.0.1",
    port: Number(parts.port ?? 5432),
    user: parts.username ?? parts.userid ?? parts.user,
    password: parts.password,
    database: parts.database ?? "postgres",
  };
}

function withDatabase(connectionString, database) {
  const kept = connectionString.split(";").filter((p) => p.trim() && !/^\s*database\s*=/i.test(p));
  return [...kept, `Database=${database}`].join(";");
}

async function query(config, sql, parameters = []) {
  const client = new pg.Client(config);
  await client.connect();
  try {
    return (await client.query(sql, parameters)).rows;
  } finally {
    await client.end();
  }
}

async function checkPostgres() {
  try {
    const [{ version, jit }] = await query(owner, "select current_setting('server_version') as version, current_setting('jit') as jit");
    return `${version} (jit ${jit})`;
  } catch (error) {
    fail(`cannot reach PostgreSQL at ${owner.host}:${owner.port} as ${owner.user} (${error.message}); set PHM_PEER_POSTGRES to a connection string of a role that may create databases`);
  }
}

async function prepareForPeer() {
  const [role] = await query(ownerOfBench, "select rolsuper, rolcreatedb, rolcreaterole from pg_roles where rolname = $1", [settings.reader]);
  if (!role)
    fail(`role ${settings.reader} is missing; create it (CREATE ROLE ${settings.reader} LOGIN PASSWORD '…') or let run.sh do so on a local cluster`);
  if (role.rolsuper || role.rolcreatedb || role.rolcreaterole) fail(`role ${settings.reader} must be a plain login role, not a superuser or a creator of databases or roles`);
  const reader = `"${settings.reader}"`;
  // A practice's PCN is the membership in force on the store's reference date (PcnMembership.InForceOn): a computed
  // column (Practice.pcn) for PostGraphile, as the hub's practice.pcn. The one object the bench adds to the hub's database.
  await query(ownerOfBench, `
    create or replace function "Practices_pcn"(practice "Practices") returns "Pcns" language sql stable as $$
      select pcn.* from "PcnMemberships" m join "Pcns" pcn on pcn."Code" = m."PcnCode" cross join "Manifest" manifest
      where m."PracticeCode" = practice."Code" and m."ValidFrom" <= manifest."ReferenceDate"
        and (m."ValidTo" is null or manifest."ReferenceDate" <= m."ValidTo")
    $$;
    comment on function "Practices_pcn"("Practices") is 'The PCN the practice belongs to on the store''s reference date (bench/peer).';`);
  await query(ownerOfBench, `grant connect on database "${settings.database}" to ${reader}; grant usage on schema public to ${reader}; grant select on all tables in schema public to ${reader};`);
  const readerConfig = { ...ownerOfBench, user: settings.reader, password: settings.readerPassword };
  const [privileges] = await query(readerConfig, `
    select count(*) filter (where privilege_type = 'SELECT')::int as selects, count(*) filter (where privilege_type <> 'SELECT')::int as others
    from information_schema.table_privileges where grantee = current_user and table_schema = 'public'`);
  if (privileges.others > 0) fail(`role ${settings.reader} holds ${privileges.others} privileges other than SELECT on the hub's tables; it must be read-only`);
  return { readerConfig, tables: privileges.selects };
}

function readerUrl(config) {
  const credentials = `${encodeURIComponent(config.user)}:${encodeURIComponent(config.password ?? "")}`;
  return `postgres://${credentials}@${config.host}:${config.port}/${encodeURIComponent(config.database)}`;
}

// ---- the servers ----

function startProcess(name, command, args, options) {
  const log = createWriteStream(path.join(settings.work, `${name}.log`));
  const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  children.push(child);
  child.once("exit", (code, signal) => {
    child.exitedWith = signal ?? code;
  });
  return child;
}

function hubEnvironment(name, extra) {
  const dataDirectory = path.join(settings.work, name);
  mkdirSync(dataDirectory, { recursive: true });
  return {
    dataDirectory,
    env: {
      ...env,
      ASPNETCORE_ENVIRONMENT: "Production",
      Phm__DataDirectory: dataDirectory,
      // Every other limit stays at its default; the rate limit is raised above the load, which comes from one subject.
      Phm__GraphQL__RateLimit__PermitLimit: "100000000",
      ...extra,
    },
  };
}

function startHub(name, port, extra) {
  const { dataDirectory, env: hubEnv } = hubEnvironment(name, extra);
  const child = startProcess(name, "dotnet", [settings.hubDll, `--urls=http://127.0.0.1:${port}`], { cwd: dataDirectory, env: hubEnv });
  return { name, port, child, dataDirectory, env: hubEnv, url: `http://127.0.0.1:${port}/graphql` };
}

async function waitUntil(server, ready, what) {
  const deadline = Date.now() + settings.startTimeoutSeconds * 1000;
  let shown = 0;
  while (Date.now() < deadline) {
    if (server.child.exitedWith !== undefined)
      fail(`${server.name} stopped (${server.child.exitedWith}) before it was ready: see ${path.join(settings.work, server.name + ".log")}`);
    if (await ready().catch(() => false)) return;
    if (Date.now() - shown > 60_000) {
      if (shown) console.log(`  … still waiting for ${what}`);
      shown = Date.now();
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  fail(`${what} was not ready within ${settings.startTimeoutSeconds} s (PEER_START_TIMEOUT): see ${path.join(settings.work, server.name + ".log")}`);
}

const hubReady = (server) => async () => (await fetch(`http://127.0.0.1:${server.port}/health/ready`)).ok;

async function issueToken(server) {
  const { stdout } = await promisify(execFile)("dotnet", [settings.cliDll, "token", "--role", "clinician", "--pcn", settings.pcn, "--subject", "peer-bench", "--data-directory", server.dataDirectory], {
    env: server.env,
  });
  return stdout.trim();
}

async function portIsFree(port) {
  try {
    await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(2000) });
    return false;
  } catch (error) {
    return error.cause?.code === "ECONNREFUSED";
  }
}

// ---- the queries: the same rows asked of each, and how to compare the answers ----

const practice = settings.practice;
const queries = [
  {
    key: "practices",
    label: "practice list with PCN",
    connections: [10],
    hub: "{ practices { code name listSize pcn { code name } } }",
    peer: "{ allPractices(orderBy: CODE_ASC) { nodes { code name listSize pcn { code name } } } }",
    fromHub: (data) => data.practices,
    fromPeer: (data) => data.allPractices.nodes,
    describe: (rows) => `${rows.length} practices in ${new Set(rows.map((r) => r.pcn?.code)).size} PCNs`,
  },
  {
    key: "page",
    label: `first 50 patients of a practice (${practice}) in national quintile 1, with LSOA and registers`,
    connections: [10, 2],
    hub: `{ patients(first: 50, filter: { practice: "${practice}", nationalQuintile: 1 }) { edges { node { id lsoa { code nationalQuintile } conditions { register onsetDate } } } } }`,
    peer: `{ allPatients(first: 50, orderBy: PSEUDONYM_ASC, condition: { practiceCode: "${practice}", nationalQuintile: 1 }) { nodes { pseudonym lsoaByLsoaCode { code nationalQuintile } conditionsByPatientId(orderBy: [ONSET_DATE_ASC, ROW_ID_ASC]) { nodes { register onsetDate } } } } }`,
    fromHub: (data) =>
      data.patients.edges.map(({ node }) => ({ id: node.id, lsoa: node.lsoa, conditions: node.conditions.map((c) => ({ register: c.register, onsetDate: c.onsetDate })) })),
    // The tables hold a register as its enum's number and a date as its day number (days since 0001-01-01), which the hub
    // names and formats; the registers are compared through the one-to-one mapping the answers imply (checked).
    fromPeer: (data) =>
      data.allPatients.nodes.map((p) => ({
        id: p.pseudonym,
        lsoa: p.lsoaByLsoaCode,
        conditions: p.conditionsByPatientId.nodes.map((c) => ({ register: c.register, onsetDate: fromDayNumber(c.onsetDate) })),
      })),
    describe: (rows) => `${rows.length} patients, ${rows.reduce((n, r) => n + r.conditions.length, 0)} register entries`,
  },
];
if (settings.floor)
  queries.push({
    key: "floor",
    label: "`{ __typename }` (the floor)",
    connections: [10],
    hub: "{ __typename }",
    peer: "{ __typename }",
    fromHub: (data) => data,
    fromPeer: (data) => data,
    describe: () => "one field",
  });

const unixEpochDayNumber = 719_162;
function fromDayNumber(dayNumber) {
  return new Date((dayNumber - unixEpochDayNumber) * 86_400_000).toISOString().slice(0, 10);
}

async function ask(server, document) {
  const response = await fetch(server.url, {
    method: "POST",
    headers: server.headers,
    body: JSON.stringify({ query: document }),
  });
  const body = await response.text();
  if (!response.ok) fail(`${server.label} answered ${response.status} to ${document}: ${body.slice(0, 500)}`);
  const parsed = JSON.parse(body);
  if (parsed.errors) fail(`${server.label} answered ${document} with errors: ${JSON.stringify(parsed.errors).slice(0, 500)}`);
  return { body, data: parsed.data };
}

// Registers: the hub names them (HEART_FAILURE), the tables number them; equal when one numbering maps to one name throughout.
function registersMatch(hubRows, peerRows) {
  const nameOf = new Map();
  const numberOf = new Map();
  for (let i = 0; i < hubRows.length; i++)
    for (let j = 0; j < hubRows[i].conditions.length; j++) {
      const name = hubRows[i].conditions[j].register;
      const number = peerRows[i].conditions[j].register;
      if ((nameOf.get(number) ?? name) !== name || (numberOf.get(name) ?? number) !== number) return null;
      nameOf.set(number, name);
      numberOf.set(name, number);
    }
  return nameOf;
}

function withoutRegisters(rows) {
  return rows.map((r) => ({ ...r, conditions: r.conditions?.map((c) => ({ ...c, register: undefined })) }));
}

async function checkEquivalence(peer, hubs) {
  console.log("\nEquivalence (each query asked once of each server before timing):");
  for (const q of queries) {
    const peerAnswer = await ask(peer, q.peer);
    const peerRows = q.fromPeer(peerAnswer.data);
    peer.bodies[q.key] = peerAnswer.body;
    const notes = [];
    for (const hub of hubs) {
      const hubAnswer = await ask(hub, q.hub);
      hub.bodies[q.key] = hubAnswer.body;
      const hubRows = q.fromHub(hubAnswer.data);
      let same;
      if (q.key === "page") {
        const mapping = hubRows.length === peerRows.length ? registersMatch(hubRows, peerRows) : null;
        same = mapping !== null && JSON.stringify(withoutRegisters(hubRows)) === JSON.stringify(withoutRegisters(peerRows));
        if (same) notes.push(`${mapping.size} registers mapped one to one`);
      } else {
        same = JSON.stringify(hubRows) === JSON.stringify(peerRows);
      }
      if (!same) {
        const file = path.join(settings.work, `mismatch-${q.key}-${hub.key}.json`);
        writeFileSync(file, JSON.stringify({ peer: peerRows, hub: hubRows }, null, 1));
        fail(`${q.label}: ${hub.label} and PostGraphile differ (${q.describe(hubRows)} against ${q.describe(peerRows)}); both answers are in ${file}`);
      }
    }
    const firstId = q.key === "page" ? `, ids ${peerRows[0]?.id.slice(0, 8)}… to ${peerRows.at(-1)?.id.slice(0, 8)}…` : "";
    if (q.key === "practices") q.label += ` (${peerRows.length} rows)`;
    console.log(`  ${q.label}: ${q.describe(peerRows)}${firstId}; the same on ${[peer, ...hubs].map((s) => s.label).join(", ")}${notes.length ? ` (${[...new Set(notes)].join("; ")})` : ""}`);
  }
}

// ---- load ----

function load(server, q, connections, seconds) {
  return new Promise((resolve, reject) => {
    const latencies = [];
    const instance = autocannon(
      {
        url: server.url,
        method: "POST",
        headers: server.headers,
        body: JSON.stringify({ query: server.isPeer ? q.peer : q.hub }),
        connections,
        duration: seconds,
        // Every response must be the body the equivalence check saw; any other counts as an error.
        expectBody: server.bodies[q.key],
        timeout: 10,
      },
      (error, result) => (error ? reject(error) : resolve(summarise(result, latencies, seconds))),
    );
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
  });
}

function summarise(result, latencies, seconds) {
  const errors = result.errors + result.timeouts + result.non2xx + result.mismatches;
  const good = result["2xx"] - result.mismatches;
  return { requestsPerSecond: good / (result.duration || seconds), errors, latencies };
}

function percentile(sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] : NaN;
}

// ---- main ----

const postgresVersion = await checkPostgres();
for (const [name, port] of Object.entries(settings.ports))
  if ((name !== "hubSqlite" || settings.sqlite) && !(await portIsFree(port))) fail(`port ${port} (${name}) is in use; choose another with the PEER_*_PORT variables`);

console.log(`bench/peer: ${started.toISOString()}, ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB, load average ${machine.loadAtStart}`);
const postgraphileVersion = JSON.parse(readFileSync(path.join(here, "node_modules", "postgraphile", "package.json"), "utf8")).version;
const dotnetVersion = (await promisify(execFile)("dotnet", ["--version"])).stdout.trim();
const commit = await promisify(execFile)("git", ["rev-parse", "--short", "HEAD"], { cwd: here }).then((r) => r.stdout.trim(), () => "unknown");
console.log(`PostgreSQL ${postgresVersion}, database ${settings.database}; the hub adds ${settings.npgsqlOptions} to its connection string`);
console.log(`PostGraphile ${postgraphileVersion} on Node ${process.version}, hub at commit ${commit} on .NET SDK ${dotnetVersion} (Release)`);

console.log(`\nStarting the hub on PostgreSQL (builds the store on first use; log in ${settings.work}/hub-postgres.log) …`);
let watch = Date.now();
const hubPostgres = startHub("hub-postgres", settings.ports.hubPostgres, { Phm__Database__Provider: "Postgres", ConnectionStrings__Phm: hubConnectionString });
await waitUntil(hubPostgres, hubReady(hubPostgres), "the hub on PostgreSQL");
console.log(`  ready in ${((Date.now() - watch) / 1000).toFixed(0)} s`);

const { readerConfig, tables } = await prepareForPeer();
console.log(`Read-only role ${settings.reader}: SELECT on ${tables} tables of ${settings.database}, nothing else`);
const peer = {
  key: "peer",
  label: "PostGraphile 5 (PostgreSQL)",
  isPeer: true,
  name: "postgraphile",
  port: settings.ports.peer,
  url: `http://127.0.0.1:${settings.ports.peer}/graphql`,
};
peer.child = startProcess("postgraphile", process.execPath, [path.join(here, "postgraphile.mjs")], {
  cwd: here,
  env: { ...env, NODE_ENV: "production", GRAPHILE_ENV: "production", PEER_READER_URL: readerUrl(readerConfig), PEER_POSTGRAPHILE_PORT: String(settings.ports.peer) },
});
peer.headers = { "content-type": "application/json", accept: "application/json" };
peer.bodies = {};
await waitUntil(peer, async () => (await fetch(peer.url, { method: "POST", headers: peer.headers, body: '{"query":"{ __typename }"}' })).ok, "PostGraphile");
console.log("PostGraphile ready");

const hubs = [hubPostgres];
hubPostgres.key = "hubPostgres";
hubPostgres.label = "hub on PostgreSQL";
if (settings.sqlite) {
  console.log(`Starting the hub on SQLite (builds the store on first use; log in ${settings.work}/hub-sqlite.log) …`);
  watch = Date.now();
  const hubSqlite = startHub("hub-sqlite", settings.ports.hubSqlite, {});
  await waitUntil(hubSqlite, hubReady(hubSqlite), "the hub on SQLite");
  console.log(`  ready in ${((Date.now() - watch) / 1000).toFixed(0)} s`);
  hubSqlite.key = "hubSqlite";
  hubSqlite.label = "hub on SQLite";
  hubs.push(hubSqlite);
}
for (const hub of hubs) {
  hub.headers = { "content-type": "application/json", accept: "application/json", authorization: `Bearer ${await issueToken(hub)}` };
  hub.bodies = {};
}
console.log(`Hub clients: a clinician of PCN ${settings.pcn} (token from phm token), Production settings, rate limit raised to 100,000,000 a minute`);

await checkEquivalence(peer, hubs);

const servers = [peer, ...hubs];
const cases = queries.flatMap((q) => q.connections.map((connections) => ({ q, connections })));
const measuredSeconds = cases.length * servers.length * settings.rounds * settings.durationSeconds;
console.log(`\nWarm-up: ${settings.warmUpSeconds} s of each query on each server; then ${settings.rounds} rounds of ${settings.durationSeconds} s per query, connections and server, alternating (${measuredSeconds} s)`);
for (const server of servers)
  for (const q of queries) {
    const { errors } = await load(server, q, Math.max(...q.connections), settings.warmUpSeconds);
    if (errors) console.log(`  warm-up of ${server.label} on ${q.key}: ${errors} errors`);
  }

const results = new Map();
for (let round = 0; round < settings.rounds; round++)
  for (const { q, connections } of cases) {
    // Alternate which server goes first, so that neither always follows the other's load.
    const order = round % 2 === 0 ? servers : [...servers].reverse();
    for (const server of order) {
      const run = await load(server, q, connections, settings.durationSeconds);
      const key = `${q.key}/${connections}/${server.key}`;
      const entry = results.get(key) ?? { rates: [], errors: 0, latencies: [] };
      entry.rates.push(run.requestsPerSecond);
      entry.errors += run.errors;
      // Not push(...): a fast run's hundred thousand latencies overflow the call stack as arguments.
      entry.latencies = entry.latencies.concat(run.latencies);
      results.set(key, entry);
      console.log(`  round ${round + 1} ${q.key} at ${connections}: ${server.label} ${run.requestsPerSecond.toFixed(0)} req/s, ${run.errors} errors`);
    }
  }

// ---- the tables ----

const number = (n) => Math.round(n).toLocaleString("en-GB");
const ms = (n) => (n < 10 ? n.toFixed(1) : n.toFixed(0));
const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;
const statistics = new Map(
  [...results].map(([key, entry]) => {
    const sorted = Float64Array.from(entry.latencies).sort();
    const [p50, p95, p99] = [0.5, 0.95, 0.99].map((p) => percentile(sorted, p));
    return [key, { rates: entry.rates, rate: mean(entry.rates), p50, p95, p99, errors: entry.errors, requests: sorted.length }];
  }),
);
const statisticsOf = (q, connections, server) => statistics.get(`${q.key}/${connections}/${server.key}`);

function cell(stats, peerStats) {
  const low = Math.min(...stats.rates);
  const high = Math.max(...stats.rates);
  const rate = Math.round(low) === Math.round(high) ? number(low) : `${number(low)}-${number(high)}`;
  const ratio = stats === peerStats ? "" : ` (${(stats.rate / peerStats.rate).toFixed(2)}x)`;
  return `${rate} req/s${ratio}, p50/p95/p99 ${ms(stats.p50)}/${ms(stats.p95)}/${ms(stats.p99)} ms, ${stats.errors} errors`;
}

// Issue 10's targets, as ratios to PostGraphile in the same run: requests/s at least `rate`, p95 at most `p95`.
const targets = {
  "practices/10/hubPostgres": { rate: 2, p95: 0.5 },
  "page/10/hubPostgres": { rate: 1.2 },
  "page/10/hubSqlite": { rate: 2 },
};
function ratioCell(q, connections, hub) {
  const stats = statisticsOf(q, connections, hub);
  const peerStats = statisticsOf(q, connections, peer);
  const rate = stats.rate / peerStats.rate;
  const p95 = stats.p95 / peerStats.p95;
  const target = targets[`${q.key}/${connections}/${hub.key}`];
  const verdict = !target
    ? ""
    : `; target ≥ ${target.rate}x${target.p95 ? ` and p95 ≤ ${target.p95}x` : ""}: ${rate >= target.rate && (!target.p95 || p95 <= target.p95) ? "met" : "missed"}`;
  return `${rate.toFixed(2)}x req/s, ${p95.toFixed(2)}x p95${verdict}`;
}

const ended = new Date();
const hubsMeasured = servers.filter((s) => s !== peer);
console.log(`\nbench/peer results: ${ended.toISOString().slice(0, 16).replace("T", " ")} UTC, ${machine.cores} cores, load average ${machine.loadAtStart} at the start and ${loadavg().map((l) => l.toFixed(1)).join(" ")} at the end;`);
console.log(`req/s over ${settings.rounds} rounds of ${settings.durationSeconds} s (their range), latencies over all of them; (Nx): mean req/s against PostGraphile's\n`);
console.log(`| query | connections | ${servers.map((s) => s.label).join(" | ")} |`);
console.log(`|---|---|${servers.map(() => "---|").join("")}`);
for (const { q, connections } of cases)
  console.log(`| ${q.label} | ${connections} | ${servers.map((s) => cell(statisticsOf(q, connections, s), statisticsOf(q, connections, peer))).join(" | ")} |`);
console.log(`\nHub against PostGraphile (mean req/s and p95, hub / PostGraphile):\n`);
console.log(`| query | connections | ${hubsMeasured.map((s) => s.label).join(" | ")} |`);
console.log(`|---|---|${hubsMeasured.map(() => "---|").join("")}`);
for (const { q, connections } of cases) console.log(`| ${q.label} | ${connections} | ${hubsMeasured.map((hub) => ratioCell(q, connections, hub)).join(" | ")} |`);
console.log(`\nTotal time ${((ended - started) / 60000).toFixed(1)} min.`);
const resultsFile = path.join(settings.work, `results-${started.toISOString().replace(/[:.]/g, "-")}.json`);
writeFileSync(resultsFile, JSON.stringify({ started, ended, machine, settings: { ...settings, postgres: undefined }, results: Object.fromEntries(statistics) }, null, 1));
console.log(`Results in ${resultsFile}`);
process.exit(0);

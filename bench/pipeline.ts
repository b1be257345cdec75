/**
 * `npm run bench`: Chaff's pipeline against its raw ceilings, on one machine and one Redis.
 *
 *   1. Ceilings: Express 5 parse-JSON-and-202; the same plus one BullMQ queue.add; raw BullMQ
 *      processing (empty processor) of a pre-filled queue at Chaff's worker concurrency.
 *   2. Chaff intake: the real API process (no worker running) under autocannon: accepted/s, p50/p99.
 *   3. Chaff scoring: the backlog from 2 drained by 1 worker process, then (after a second intake
 *      run) by 2 worker processes: scored/s.
 *   4. Chaff pipeline: API + 1 worker together at full load: accepted/s, scored/s, post-to-verdict.
 *   5. Steady 500 comments/s: post-to-verdict p50/p99 (from receivedAt to scoredAt).
 * Prints a table and, last, one JSON line. Not a test: run it on a quiet machine.
 *
 * Options (environment): BENCH_DURATION_S (default 30), BENCH_CONNECTIONS (default 50),
 * BENCH_STEADY_RATE (default 500), CHAFF_WORKER_CONCURRENCY (default 16),
 * BENCH_CPU_PROF=1 (write --cpu-prof profiles of the Chaff processes to ./bench-profiles).
 */
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { startPrivateRedis } from '../test/helpers/redis-server.js';
import {
  chaffEnv,
  loadBodies,
  percentile,
  round,
  runLoad,
  startCeilingServer,
  startChaff,
  waitAllScored,
  type Child,
} from './bench-lib.js';

const durationS = Number(process.env.BENCH_DURATION_S ?? 30);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const steadyRate = Number(process.env.BENCH_STEADY_RATE ?? 500);
const concurrency = Number(process.env.CHAFF_WORKER_CONCURRENCY ?? 16);
const profArgs = process.env.BENCH_CPU_PROF === '1' ? ['--cpu-prof', '--cpu-prof-dir=bench-profiles'] : [];

const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);
const redisServer = await startPrivateRedis(['--appendonly', 'no']);
const redis = new Redis(redisServer.url);
const bodies = loadBodies(2000);
const running: Child[] = [];
const figures: Record<string, unknown> = { durationS, connections, concurrency, steadyRate, node: process.version };

try {
  // 1. Ceilings.
  log('ceiling: express parse + 202');
  let server = await startCeilingServer('parse', redisServer.url);
  const parse = await runLoad({ port: server.port, durationS, connections, bodies });
  await server.stop();

  log('ceiling: express parse + queue.add + 202');
  server = await startCeilingServer('add', redisServer.url);
  const parseAdd = await runLoad({ port: server.port, durationS, connections, bodies });
  await server.stop();

  log(`ceiling: raw BullMQ processing, empty processor, concurrency ${concurrency}`);
  const rawJobs = Math.max(5000, Math.round(parseAdd.perSecond * Math.min(durationS, 10)));
  const rawConn = new Redis(redisServer.url, { maxRetriesPerRequest: null });
  const rawQueue = new Queue('raw', { connection: rawConn, prefix: 'bench:raw' });
  for (let i = 0; i < rawJobs; i += 1000) {
    await rawQueue.addBulk(
      Array.from({ length: Math.min(1000, rawJobs - i) }, (_, n) => ({
        name: 'score',
        data: { commentId: `c_${i + n}`, siteId: 'bench', requestId: null, comment: bodies[(i + n) % bodies.length] },
        opts: { jobId: `c_${i + n}`, removeOnComplete: { count: 1000 } },
      })),
    );
  }
  const rawWorkerConn = new Redis(redisServer.url, { maxRetriesPerRequest: null });
  const rawWorker = new Worker('raw', async () => undefined, { connection: rawWorkerConn, prefix: 'bench:raw', concurrency, autorun: false });
  let done = 0;
  const allDone = new Promise<void>((r) => {
    rawWorker.on('completed', () => {
      if (++done === rawJobs) r();
    });
  });
  const rawStarted = performance.now();
  void rawWorker.run();
  await allDone;
  const rawPerSecond = rawJobs / ((performance.now() - rawStarted) / 1000);
  await rawWorker.close();
  await rawQueue.close();
  await rawConn.quit();
  await rawWorkerConn.quit();

  // 2 + 3. Intake alone, then drains by 1 and by 2 worker processes.
  const drain = async (prefix: string, workers: number) => {
    const env = chaffEnv(redisServer.url, prefix, { CHAFF_WORKER_CONCURRENCY: String(concurrency) });
    log(`chaff intake (api only, ${prefix})`);
    const api = await startChaff('api', env, profArgs);
    running.push(api);
    const intake = await runLoad({ port: api.port, durationS, connections, bodies });
    await api.stop();
    log(`chaff scoring: ${intake.ok} queued comments drained by ${workers} worker process(es)`);
    const started = Date.now();
    const ws = await Promise.all(Array.from({ length: workers }, () => startChaff('worker', env, profArgs)));
    running.push(...ws);
    const timings = await waitAllScored(redis, prefix, intake.ok);
    // From the first verdict to the last: worker start-up (model load) is not scoring time.
    const scored = timings.map((t) => t.scoredAt!).sort((a, b) => a - b);
    const scoredPerSecond = timings.length / Math.max(0.001, (scored[scored.length - 1] - scored[0]) / 1000);
    await Promise.all(ws.map((w) => w.stop()));
    return { intake, scoredPerSecond, drainWallS: (Date.now() - started) / 1000 };
  };
  const one = await drain('bench:d1:', 1);
  const two = await drain('bench:d2:', 2);

  // 4. The whole pipeline at full load, 1 worker process.
  const fullEnv = chaffEnv(redisServer.url, 'bench:full:', { CHAFF_WORKER_CONCURRENCY: String(concurrency) });
  log('chaff pipeline at full load: api + 1 worker');
  const worker = await startChaff('worker', fullEnv, profArgs);
  const api = await startChaff('api', fullEnv, profArgs);
  running.push(worker, api);
  const full = await runLoad({ port: api.port, durationS, connections, bodies });
  const fullTimings = await waitAllScored(redis, 'bench:full:', full.ok);
  const fullLatency = fullTimings.map((t) => t.scoredAt! - t.receivedAt);
  const fullSpan = (Math.max(...fullTimings.map((t) => t.scoredAt!)) - Math.min(...fullTimings.map((t) => t.receivedAt))) / 1000;
  await api.stop();
  await worker.stop();

  // 5. Steady rate.
  const steadyEnv = chaffEnv(redisServer.url, 'bench:steady:', { CHAFF_WORKER_CONCURRENCY: String(concurrency) });
  log(`chaff pipeline at a steady ${steadyRate}/s: api + 1 worker`);
  const sWorker = await startChaff('worker', steadyEnv, profArgs);
  const sApi = await startChaff('api', steadyEnv, profArgs);
  running.push(sWorker, sApi);
  const steady = await runLoad({ port: sApi.port, durationS, connections: Math.max(10, Math.ceil(steadyRate / 10)), bodies, overallRate: steadyRate });
  const steadyTimings = await waitAllScored(redis, 'bench:steady:', steady.ok);
  const steadyLatency = steadyTimings.map((t) => t.scoredAt! - t.receivedAt);
  await sApi.stop();
  await sWorker.stop();

  Object.assign(figures, {
    ceilings: {
      parsePerSecond: round(parse.perSecond),
      parseP50Ms: parse.p50Ms,
      parseP99Ms: parse.p99Ms,
      parseAddPerSecond: round(parseAdd.perSecond),
      parseAddP50Ms: parseAdd.p50Ms,
      parseAddP99Ms: parseAdd.p99Ms,
      rawProcessingPerSecond: round(rawPerSecond),
      rawJobs,
    },
    intake: {
      acceptedPerSecond: round(one.intake.perSecond),
      p50Ms: one.intake.p50Ms,
      p99Ms: one.intake.p99Ms,
      non2xx: one.intake.non2xx + two.intake.non2xx,
      errors: one.intake.errors + two.intake.errors,
      ratioToParseAdd: round(one.intake.perSecond / parseAdd.perSecond, 2),
      ratioToParse: round(one.intake.perSecond / parse.perSecond, 2),
    },
    scoring: {
      oneWorkerPerSecond: round(one.scoredPerSecond),
      twoWorkersPerSecond: round(two.scoredPerSecond),
      ratioToRaw: round(one.scoredPerSecond / rawPerSecond, 2),
      twoOverOne: round(two.scoredPerSecond / one.scoredPerSecond, 2),
    },
    pipeline: {
      acceptedPerSecond: round(full.perSecond),
      scoredPerSecond: round(fullTimings.length / fullSpan),
      intakeP50Ms: full.p50Ms,
      intakeP99Ms: full.p99Ms,
      postToVerdictP50Ms: percentile(fullLatency, 50),
      postToVerdictP99Ms: percentile(fullLatency, 99),
    },
    steady: {
      rate: steadyRate,
      acceptedPerSecond: round(steady.perSecond),
      intakeP99Ms: steady.p99Ms,
      postToVerdictP50Ms: percentile(steadyLatency, 50),
      postToVerdictP99Ms: percentile(steadyLatency, 99),
      non2xx: steady.non2xx,
    },
  });
  const f = figures as any;
  f.bars = {
    intakeAtLeast0_6xParseAdd: f.intake.ratioToParseAdd >= 0.6,
    scoringAtLeast0_7xRaw: f.scoring.ratioToRaw >= 0.7,
    steadyP99Under50Ms: f.steady.postToVerdictP99Ms < 50,
  };

  const rows: Array<[string, string, string]> = [
    ['Express parse + 202 (ceiling)', `${f.ceilings.parsePerSecond}/s`, `p50 ${parse.p50Ms} ms, p99 ${parse.p99Ms} ms`],
    ['+ BullMQ queue.add (ceiling)', `${f.ceilings.parseAddPerSecond}/s`, `p50 ${parseAdd.p50Ms} ms, p99 ${parseAdd.p99Ms} ms`],
    [`Raw BullMQ processing, c=${concurrency} (ceiling)`, `${f.ceilings.rawProcessingPerSecond}/s`, `${rawJobs} jobs`],
    ['Chaff intake (API alone)', `${f.intake.acceptedPerSecond}/s`, `p50 ${f.intake.p50Ms} ms, p99 ${f.intake.p99Ms} ms; ${f.intake.ratioToParseAdd}x parse+add (bar 0.6)`],
    ['Chaff scoring, 1 worker process', `${f.scoring.oneWorkerPerSecond}/s`, `${f.scoring.ratioToRaw}x raw processing (bar 0.7)`],
    ['Chaff scoring, 2 worker processes', `${f.scoring.twoWorkersPerSecond}/s`, `${f.scoring.twoOverOne}x one worker`],
    ['Chaff pipeline, api + 1 worker', `${f.pipeline.acceptedPerSecond}/s in, ${f.pipeline.scoredPerSecond}/s scored`, `intake p99 ${f.pipeline.intakeP99Ms} ms; post-to-verdict p50 ${f.pipeline.postToVerdictP50Ms} ms, p99 ${f.pipeline.postToVerdictP99Ms} ms`],
    [`Chaff at a steady ${steadyRate}/s`, `${f.steady.acceptedPerSecond}/s`, `post-to-verdict p50 ${f.steady.postToVerdictP50Ms} ms, p99 ${f.steady.postToVerdictP99Ms} ms (bar < 50)`],
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  process.stdout.write(`\nChaff pipeline benchmark (${durationS} s per phase, ${connections} connections)\n\n`);
  for (const [a, b, c] of rows) process.stdout.write(`${a.padEnd(w0)}  ${b.padStart(w1)}  ${c}\n`);
  process.stdout.write(`\n${JSON.stringify(figures)}\n`);
} finally {
  for (const child of running) await child.stop().catch(() => undefined);
  await redis.quit();
  await redisServer.destroy();
}

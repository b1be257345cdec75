/**
 * `npm run bench:soak`: load and soak runs of the real Chaff api + worker processes over HTTP.
 *
 * BENCH_SOAK_MODE=count (default): BENCH_SOAK_COUNT comments (default 100000) as fast as the
 * machine allows, then checks accepted = scored, one model decision per comment, the flagged set
 * exactly the unsure/spam ones; prints throughput, intake and post-to-verdict p50/p99, peak RSS.
 *
 * BENCH_SOAK_MODE=steady: BENCH_SOAK_RATE comments/s (default 200) for BENCH_SOAK_MINUTES
 * (default 10), sampling every BENCH_SOAK_SAMPLE_S (default 10) s the RSS and open file
 * descriptors of api and worker, Redis used_memory and key count, and the BullMQ job counts.
 * Comments are kept for CHAFF_COMMENT_RETENTION (default 2m in this mode), so Redis can level off
 * within the run. Flatness is judged only on the samples after the settling time (the retention,
 * a quarter more for the pruner, and BENCH_SOAK_WARMUP_S, default 30 s): the mean of their first
 * half against their second half, PASS when each figure grew less than BENCH_SOAK_TOLERANCE_PCT
 * (default 5) percent; the least-squares slope per minute is printed beside it. Every comment the
 * API received (chaff_comments_received_total) must also be scored (the workers'
 * chaff_verdicts_total), read from their /metrics since the records expire during the run; the
 * scored count may exceed it by the requests cut off in flight when the load stops (at most one
 * per connection).
 *
 * BENCH_WORKERS (default 1) worker processes; CHAFF_WORKER_CONCURRENCY as configured (16).
 * Prints a table and, last, one JSON line.
 */
import { readdirSync } from 'node:fs';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { startPrivateRedis } from '../test/helpers/redis-server.js';
import { loadConfig } from '../src/config.js';
import { pruneIntervalMs } from '../src/moderation/index-pruner.js';
import { SCORE_COMMENT_QUEUE, bullPrefix } from '../src/queues/score-comment.queue.js';
import {
  chaffEnv,
  counterTotal,
  loadBodies,
  mean,
  peakRssMb,
  percentile,
  round,
  rssMb,
  runLoad,
  slopePerMinute,
  startChaff,
  waitAllScored,
  type Child,
} from './bench-lib.js';

const mode = process.env.BENCH_SOAK_MODE === 'steady' ? 'steady' : 'count';
const count = Number(process.env.BENCH_SOAK_COUNT ?? 100_000);
const rate = Number(process.env.BENCH_SOAK_RATE ?? 200);
const minutes = Number(process.env.BENCH_SOAK_MINUTES ?? 10);
const sampleS = Number(process.env.BENCH_SOAK_SAMPLE_S ?? 10);
const workers = Number(process.env.BENCH_WORKERS ?? 1);
const concurrency = process.env.CHAFF_WORKER_CONCURRENCY ?? '16';
const retention = process.env.CHAFF_COMMENT_RETENTION ?? (mode === 'steady' ? '2m' : undefined);
const retentionMs = loadConfig(retention === undefined ? {} : { CHAFF_COMMENT_RETENTION: retention }).commentRetentionMs;
const warmupS = Number(process.env.BENCH_SOAK_WARMUP_S ?? 30);
const tolerancePct = Number(process.env.BENCH_SOAK_TOLERANCE_PCT ?? 5);
const log = (msg: string) => process.stderr.write(`[soak] ${msg}\n`);

const prefix = 'soak:';
const redisServer = await startPrivateRedis(['--appendonly', 'no']);
const redis = new Redis(redisServer.url);
const queueConn = new Redis(redisServer.url, { maxRetriesPerRequest: null });
const queue = new Queue(SCORE_COMMENT_QUEUE, { connection: queueConn, prefix: bullPrefix(prefix) });
// The API's /metrics (its comments-received count) needs a token on the API port.
const metricsToken = 'soak-metrics-token-0123456789';
const env = chaffEnv(redisServer.url, prefix, {
  CHAFF_WORKER_CONCURRENCY: concurrency,
  CHAFF_METRICS_TOKEN: metricsToken,
  ...(retention === undefined ? {} : { CHAFF_COMMENT_RETENTION: retention }),
});
const running: Child[] = [];
const openFds = (pid: number | undefined) => {
  try {
    return readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    return NaN;
  }
};
const usedMemoryMb = async () => Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1] ?? NaN) / 1024 / 1024;

try {
  const ws = await Promise.all(Array.from({ length: workers }, () => startChaff('worker', env)));
  const api = await startChaff('api', env);
  running.push(...ws, api);
  const bodies = loadBodies(2000);
  const figures: Record<string, unknown> = { mode, workers, concurrency: Number(concurrency), node: process.version };

  if (mode === 'count') {
    log(`posting ${count} comments`);
    const started = Date.now();
    const load = await runLoad({ port: api.port, durationS: 0, connections: 50, bodies, amount: count });
    log(`accepted ${load.ok} in ${load.durationS.toFixed(1)} s; waiting for every verdict`);
    const timings = await waitAllScored(redis, prefix, load.ok, 30 * 60_000);
    const wallS = (Math.max(...timings.map((t) => t.scoredAt!)) - started) / 1000;
    // One model decision per comment, and the flagged set is exactly the unsure/spam comments.
    let duplicates = 0;
    let flaggedExpected = 0;
    for (let i = 0; i < timings.length; i += 5000) {
      const chunk = timings.slice(i, i + 5000);
      const pipeline = redis.pipeline();
      for (const t of chunk) pipeline.llen(`${prefix}decisions:${t.id}`);
      for (const t of chunk) pipeline.hget(`${prefix}comment:${t.id}`, 'verdict');
      const replies = ((await pipeline.exec()) ?? []).map(([, v]) => v);
      duplicates += replies.slice(0, chunk.length).filter((n) => n !== 1).length;
      flaggedExpected += replies.slice(chunk.length).filter((v) => v !== 'ham').length;
    }
    const flagged = await redis.zcard(`${prefix}flagged`);
    const latency = timings.map((t) => t.scoredAt! - t.receivedAt);
    Object.assign(figures, {
      posted: count,
      accepted: load.ok,
      non2xx: load.non2xx,
      errors: load.errors,
      scored: timings.length,
      notOneDecision: duplicates,
      flagged,
      flaggedExpected,
      acceptedPerSecond: round(load.perSecond),
      scoredPerSecond: round(timings.length / wallS),
      intakeP50Ms: load.p50Ms,
      intakeP99Ms: load.p99Ms,
      postToVerdictP50Ms: percentile(latency, 50),
      postToVerdictP99Ms: percentile(latency, 99),
      peakRssApiMb: round(peakRssMb(api.proc.pid)),
      peakRssWorkerMb: round(Math.max(...ws.map((w) => peakRssMb(w.proc.pid)))),
      redisUsedMemoryMb: round(await usedMemoryMb()),
      ok: load.ok === count && timings.length === load.ok && duplicates === 0 && flagged === flaggedExpected,
    });
    const f = figures as any;
    process.stdout.write(
      `\nChaff soak: ${count} comments over HTTP, ${workers} worker process(es) at concurrency ${concurrency}\n\n` +
        `accepted / scored        ${f.accepted} / ${f.scored}  (non-2xx ${f.non2xx}, errors ${f.errors})\n` +
        `not exactly one decision ${f.notOneDecision}\n` +
        `flagged / expected       ${f.flagged} / ${f.flaggedExpected}\n` +
        `throughput               ${f.acceptedPerSecond}/s accepted, ${f.scoredPerSecond}/s scored (end to end)\n` +
        `intake latency           p50 ${f.intakeP50Ms} ms, p99 ${f.intakeP99Ms} ms\n` +
        `post-to-verdict          p50 ${f.postToVerdictP50Ms} ms, p99 ${f.postToVerdictP99Ms} ms\n` +
        `peak RSS                 api ${f.peakRssApiMb} MB, worker ${f.peakRssWorkerMb} MB; Redis used_memory ${f.redisUsedMemoryMb} MB\n` +
        `result                   ${f.ok ? 'OK' : 'FAILED'}\n`,
    );
  } else {
    const settleS = (retentionMs + pruneIntervalMs(retentionMs)) / 1000 + warmupS;
    log(`steady ${rate}/s for ${minutes} min, sampling every ${sampleS} s; retention ${retention}, flatness judged after ${settleS} s`);
    const samples: Array<Record<string, number>> = [];
    const t0 = Date.now();
    const sample = async () => {
      const counts = await queue.getJobCounts('waiting', 'active', 'completed', 'failed');
      samples.push({
        atS: (Date.now() - t0) / 1000,
        apiRssMb: rssMb(api.proc.pid),
        workerRssMb: rssMb(ws[0].proc.pid),
        apiFds: openFds(api.proc.pid),
        workerFds: openFds(ws[0].proc.pid),
        redisMb: await usedMemoryMb(),
        redisKeys: await redis.dbsize(),
        waiting: counts.waiting,
        completedKept: counts.completed,
        failed: counts.failed,
      });
      const s = samples[samples.length - 1];
      log(JSON.stringify(Object.fromEntries(Object.entries(s).map(([k, v]) => [k, round(v, 2)]))));
    };
    await sample();
    const timer = setInterval(() => void sample(), sampleS * 1000);
    const connections = Math.max(10, Math.ceil(rate / 10));
    const load = await runLoad({ port: api.port, durationS: minutes * 60, connections, bodies, overallRate: rate });
    clearInterval(timer);
    // Comments expire during the run, so "every comment scored" is read from the processes'
    // counters once the queue has drained, not from the records. The API counts a comment when it
    // answers; requests the client cut off in flight as the load stopped (at most one per
    // connection) were stored and are scored, but never counted as received.
    const drainEnd = Date.now() + 10 * 60_000;
    let received = 0;
    let scored = 0;
    for (;;) {
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      received = await counterTotal(api.port, 'chaff_comments_received_total', metricsToken);
      scored = (await Promise.all(ws.map((w) => counterTotal(w.port, 'chaff_verdicts_total', metricsToken)))).reduce((a, b) => a + b, 0);
      if ((Object.values(counts).every((n) => n === 0) && scored >= received) || Date.now() > drainEnd) break;
      await new Promise((r) => setTimeout(r, 250));
    }

    const judged = samples.filter((s) => s.atS >= settleS);
    const half = Math.floor(judged.length / 2);
    const before = judged.slice(0, half);
    const after = judged.slice(judged.length - half);
    const judge = (k: string, unit: string) => {
      const a = mean(before.map((s) => s[k]));
      const b = mean(after.map((s) => s[k]));
      const growthPct = ((b - a) / a) * 100;
      const slope = slopePerMinute(judged.map((s) => [s.atS, s[k]]));
      return { unit, firstHalf: round(a, 2), secondHalf: round(b, 2), growth: round(b - a, 2), growthPct: round(growthPct, 2), perMinute: round(slope, 3), pass: half >= 2 && growthPct < tolerancePct };
    };
    const flat = {
      redisUsedMemory: judge('redisMb', 'MB'),
      apiRss: judge('apiRssMb', 'MB'),
      workerRss: judge('workerRssMb', 'MB'),
      apiFds: judge('apiFds', 'fds'),
      workerFds: judge('workerFds', 'fds'),
    };
    const redisKeys = judge('redisKeys', 'keys');
    const allFlat = Object.values(flat).every((j) => j.pass);
    Object.assign(figures, {
      rate,
      minutes,
      retention,
      retentionMs,
      pruneIntervalMs: pruneIntervalMs(retentionMs),
      settleS,
      tolerancePct,
      judgedSamples: judged.length,
      accepted: load.ok,
      received,
      scored,
      non2xx: load.non2xx,
      errors: load.errors,
      intakeP99Ms: load.p99Ms,
      flat,
      redisKeys,
      redisMbMax: round(Math.max(...samples.map((s) => s.redisMb)), 2),
      apiFdsMax: Math.max(...samples.map((s) => s.apiFds)),
      workerFdsMax: Math.max(...samples.map((s) => s.workerFds)),
      completedJobsKeptMax: Math.max(...samples.map((s) => s.completedKept)),
      cutOffInFlight: scored - received,
      ok: allFlat && scored >= received && scored - received <= connections && received >= load.ok && load.non2xx === 0,
      samples: samples.map((s) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, round(v, 2)]))),
    });
    const f = figures as any;
    const row = (name: string, j: ReturnType<typeof judge>) =>
      `${name.padEnd(18)}${`${j.firstHalf} ${j.unit}`.padEnd(14)}${`${j.secondHalf} ${j.unit}`.padEnd(14)}` +
      `${`${j.growth! >= 0 ? '+' : ''}${j.growth} ${j.unit} (${j.growthPct! >= 0 ? '+' : ''}${j.growthPct}%)`.padEnd(26)}` +
      `${`${j.perMinute! >= 0 ? '+' : ''}${j.perMinute} ${j.unit}/min`.padEnd(20)}`;
    process.stdout.write(
      `\nChaff steady soak: ${rate}/s for ${minutes} min (${f.received} comments), CHAFF_COMMENT_RETENTION=${retention} (indexes pruned every ${f.pruneIntervalMs / 1000} s)\n` +
        `flat = growth below ${tolerancePct}% between the means of the first and second half of the ${judged.length} samples taken after ${settleS} s (retention + pruning interval + ${warmupS} s warm-up)` +
        `${half < 2 ? '; too few samples to judge: run longer or sample more often' : ''}\n\n` +
        `${''.padEnd(18)}${'first half'.padEnd(14)}${'second half'.padEnd(14)}${'growth'.padEnd(26)}${'slope'.padEnd(20)}result\n` +
        `${row('Redis used_memory', flat.redisUsedMemory)}${flat.redisUsedMemory.pass ? 'PASS' : 'FAIL'}\n` +
        `${row('api RSS', flat.apiRss)}${flat.apiRss.pass ? 'PASS' : 'FAIL'}\n` +
        `${row('worker RSS', flat.workerRss)}${flat.workerRss.pass ? 'PASS' : 'FAIL'}\n` +
        `${row('api open fds', flat.apiFds)}${flat.apiFds.pass ? 'PASS' : 'FAIL'}\n` +
        `${row('worker open fds', flat.workerFds)}${flat.workerFds.pass ? 'PASS' : 'FAIL'}\n` +
        `${row('Redis keys', redisKeys)}(not judged)\n\n` +
        `received / scored  ${f.received} / ${f.scored} (${f.cutOffInFlight} cut off in flight by the client at the end, at most ${connections}; ` +
        `${f.accepted} 2xx counted by the client, non-2xx ${f.non2xx}, errors ${f.errors}); intake p99 ${f.intakeP99Ms} ms\n` +
        `peaks              Redis used_memory ${f.redisMbMax} MB; open fds api ${f.apiFdsMax}, worker ${f.workerFdsMax}; completed jobs kept ≤ ${f.completedJobsKeptMax}\n` +
        `result             ${f.ok ? 'PASS' : 'FAIL'}\n`,
    );
  }
  process.stdout.write(`\n${JSON.stringify(figures)}\n`);
} finally {
  for (const child of running) await child.stop().catch(() => undefined);
  await queue.close();
  await queueConn.quit();
  await redis.quit();
  await redisServer.destroy();
}

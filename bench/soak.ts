/**
 * `npm run bench:soak`: load and soak runs of the real Chaff api + worker processes over HTTP.
 *
 * BENCH_SOAK_MODE=count (default): BENCH_SOAK_COUNT comments (default 100000) as fast as the
 * machine allows, then checks accepted = scored, one model decision per comment, the flagged set
 * exactly the unsure/spam ones; prints throughput, intake and post-to-verdict p50/p99, peak RSS.
 *
 * BENCH_SOAK_MODE=steady: BENCH_SOAK_RATE comments/s (default 200) for BENCH_SOAK_MINUTES
 * (default 10), sampling every BENCH_SOAK_SAMPLE_S (default 10) s the RSS and open file
 * descriptors of api and worker, Redis used_memory, and the BullMQ job counts. Comment records
 * live for CHAFF_COMMENT_RETENTION_DAYS, so Redis grows by design with the comments kept; the
 * run reports that growth per comment, and whether the job keys stay bounded.
 *
 * BENCH_WORKERS (default 1) worker processes; CHAFF_WORKER_CONCURRENCY as configured (16).
 * Prints a table and, last, one JSON line.
 */
import { readdirSync } from 'node:fs';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { startPrivateRedis } from '../test/helpers/redis-server.js';
import { SCORE_COMMENT_QUEUE, bullPrefix } from '../src/queues/score-comment.queue.js';
import { chaffEnv, loadBodies, peakRssMb, percentile, round, rssMb, runLoad, startChaff, waitAllScored, type Child } from './bench-lib.js';

const mode = process.env.BENCH_SOAK_MODE === 'steady' ? 'steady' : 'count';
const count = Number(process.env.BENCH_SOAK_COUNT ?? 100_000);
const rate = Number(process.env.BENCH_SOAK_RATE ?? 200);
const minutes = Number(process.env.BENCH_SOAK_MINUTES ?? 10);
const sampleS = Number(process.env.BENCH_SOAK_SAMPLE_S ?? 10);
const workers = Number(process.env.BENCH_WORKERS ?? 1);
const concurrency = process.env.CHAFF_WORKER_CONCURRENCY ?? '16';
const log = (msg: string) => process.stderr.write(`[soak] ${msg}\n`);

const prefix = 'soak:';
const redisServer = await startPrivateRedis(['--appendonly', 'no']);
const redis = new Redis(redisServer.url);
const queueConn = new Redis(redisServer.url, { maxRetriesPerRequest: null });
const queue = new Queue(SCORE_COMMENT_QUEUE, { connection: queueConn, prefix: bullPrefix(prefix) });
const env = chaffEnv(redisServer.url, prefix, { CHAFF_WORKER_CONCURRENCY: concurrency });
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
    log(`steady ${rate}/s for ${minutes} min, sampling every ${sampleS} s`);
    const samples: Array<Record<string, number>> = [];
    const t0 = Date.now();
    const sample = async () => {
      const counts = await queue.getJobCounts('waiting', 'active', 'completed', 'failed');
      samples.push({
        atS: Math.round((Date.now() - t0) / 1000),
        apiRssMb: round(rssMb(api.proc.pid))!,
        workerRssMb: round(rssMb(ws[0].proc.pid))!,
        apiFds: openFds(api.proc.pid),
        workerFds: openFds(ws[0].proc.pid),
        redisMb: round(await usedMemoryMb(), 2)!,
        comments: (await redis.dbsize()),
        waiting: counts.waiting,
        completedKept: counts.completed,
        failed: counts.failed,
      });
      const s = samples[samples.length - 1];
      log(JSON.stringify(s));
    };
    await sample();
    const timer = setInterval(() => void sample(), sampleS * 1000);
    const load = await runLoad({ port: api.port, durationS: minutes * 60, connections: Math.max(10, Math.ceil(rate / 10)), bodies, overallRate: rate });
    clearInterval(timer);
    await waitAllScored(redis, prefix, load.ok, 10 * 60_000);
    await sample();
    const third = Math.max(1, Math.floor(samples.length / 3));
    const avg = (rows: typeof samples, k: string) => rows.reduce((a, r) => a + r[k], 0) / rows.length;
    const first = samples.slice(1, 1 + third);
    const last = samples.slice(-third);
    const redisGrowthMb = samples[samples.length - 1].redisMb - samples[0].redisMb;
    Object.assign(figures, {
      rate,
      minutes,
      accepted: load.ok,
      non2xx: load.non2xx,
      intakeP99Ms: load.p99Ms,
      apiRssFirstThirdMb: round(avg(first, 'apiRssMb')),
      apiRssLastThirdMb: round(avg(last, 'apiRssMb')),
      workerRssFirstThirdMb: round(avg(first, 'workerRssMb')),
      workerRssLastThirdMb: round(avg(last, 'workerRssMb')),
      apiFdsMax: Math.max(...samples.map((s) => s.apiFds)),
      workerFdsMax: Math.max(...samples.map((s) => s.workerFds)),
      redisGrowthMb: round(redisGrowthMb, 2),
      redisBytesPerComment: round((redisGrowthMb * 1024 * 1024) / Math.max(1, load.ok), 0),
      completedJobsKeptMax: Math.max(...samples.map((s) => s.completedKept)),
      samples,
    });
    const f = figures as any;
    process.stdout.write(
      `\nChaff steady soak: ${rate}/s for ${minutes} min (${f.accepted} comments)\n\n` +
        `api RSS     first third ${f.apiRssFirstThirdMb} MB, last third ${f.apiRssLastThirdMb} MB, max open fds ${f.apiFdsMax}\n` +
        `worker RSS  first third ${f.workerRssFirstThirdMb} MB, last third ${f.workerRssLastThirdMb} MB, max open fds ${f.workerFdsMax}\n` +
        `Redis       +${f.redisGrowthMb} MB (${f.redisBytesPerComment} bytes per comment kept for the retention period); completed jobs kept ≤ ${f.completedJobsKeptMax}\n`,
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

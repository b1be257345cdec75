import { loadConfig, type Config } from './config.js';
import { AppError } from './errors.js';
import { createLogger } from './logger.js';
import { NO_REDIS_MESSAGE, launchRedis, redisAnswers, redisServerInstalled, type LaunchedRedis } from './redis-launcher.js';
import { createMetrics } from './metrics/metrics.js';
import { ensureDemoSite, startApi, startMetricsServer, startWorker, type Running, type RunningWorker } from './server.js';

/**
 * Entry point: `all` (API and a worker in one process: `npm start`), `api`, or `worker`.
 * Handles signals: stop taking work, finish jobs in flight, close connections; past the shutdown
 * deadline it exits non-zero. This is the only place that calls process.exit.
 */
type Mode = 'all' | 'api' | 'worker';

async function main(mode: Mode): Promise<void> {
  let config: Readonly<Config>;
  try {
    config = loadConfig();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 1;
    return;
  }
  const logger = createLogger({ level: config.logLevel, name: `chaff-${mode}` });

  let launched: LaunchedRedis | null = null;
  if (mode === 'all' && config.redisUrlIsDefault && !(await redisAnswers(config.redisUrl))) {
    if (!redisServerInstalled()) {
      process.stderr.write(`${NO_REDIS_MESSAGE}\n`);
      process.exitCode = 1;
      return;
    }
    launched = await launchRedis({ dataDir: config.dataDir, port: 6379 });
    logger.info({ dataDir: config.dataDir }, 'started a local redis-server with append-only persistence');
  }

  const parts: Running[] = [];
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const deadline = setTimeout(() => {
      logger.error({ timeoutMs: config.shutdownTimeoutMs }, 'shutdown deadline passed; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    deadline.unref();
    for (const part of parts.reverse()) await part.close().catch((err) => logger.error({ err }, 'close failed'));
    if (launched) await launched.stop();
    clearTimeout(deadline);
    logger.info('stopped');
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  try {
    if (mode !== 'worker') {
      const demoKey = await ensureDemoSite(config, logger);
      if (demoKey) {
        process.stdout.write(
          `\nCreated the demo site. Its API key (shown only this once; keep it):\n\n  ${demoKey}\n\n` +
            `Try: curl -s -X POST "http://localhost:${config.port}/v1/comments?wait=2000" -H "Authorization: Bearer ${demoKey}" -H "Content-Type: application/json" -d '{"content":"Great post!"}'\n\n`,
        );
      }
    }
    const metrics = createMetrics();
    let worker: RunningWorker | null = null;
    if (mode !== 'api') {
      worker = await startWorker(config, logger, undefined, { metrics });
      parts.push(worker);
    }
    const modelVersion = worker ? worker.modelVersion : undefined;
    if (mode !== 'worker') parts.push(await startApi(config, logger, undefined, { metrics, modelVersion }));
    if (config.metricsPort !== null) parts.push(await startMetricsServer(config, logger, { metrics, modelVersion }));
  } catch (error) {
    const message = error instanceof AppError ? error.message : (error as Error).message;
    logger.fatal({ err: error }, 'start-up failed');
    process.stderr.write(`chaff: could not start: ${message}\n`);
    process.exitCode = 1;
    await shutdown('startup-failure');
  }
}

const mode = (process.argv[2] ?? 'all') as Mode;
if (!['all', 'api', 'worker'].includes(mode)) {
  process.stderr.write('usage: main.ts [all|api|worker]\n');
  process.exitCode = 2;
} else {
  void main(mode);
}

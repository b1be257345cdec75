import { Router } from 'express';
import type { Redis } from 'ioredis';

export interface HealthDeps {
  redis: Redis;
  /**
   * In a process that scores (a worker, or `all` mode): the version of the valid model it has
   * loaded, or null while it has none. Absent in an API-only process, which needs no model.
   */
  modelVersion?: () => string | null;
}

/** `/healthz`: the process is up. `/readyz`: Redis answers and, where the process scores, a valid model is loaded. */
export function createHealthRouter(deps: HealthDeps): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const redisOk = await deps.redis.ping().then(
      () => true,
      () => false,
    );
    const body: Record<string, unknown> = { redis: redisOk };
    let ready = redisOk;
    if (deps.modelVersion) {
      const version = deps.modelVersion();
      body.model = version;
      ready = ready && version !== null;
    }
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', ...body });
  });
  return router;
}

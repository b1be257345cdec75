import { Router } from 'express';
import type { Redis } from 'ioredis';

export interface HealthDeps {
  redis: Redis;
}

/** `/healthz`: the process is up. `/readyz`: Redis answers. */
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
    res.status(redisOk ? 200 : 503).json({ status: redisOk ? 'ready' : 'unavailable', redis: redisOk });
  });
  return router;
}

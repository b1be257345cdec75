/**
 * A ceiling for `npm run bench`: an Express 5 endpoint that only parses JSON and answers 202
 * (MODE=parse), or that also adds one BullMQ job (MODE=add). Runs as its own process so the load
 * generator does not share its event loop. Prints "listening <port>" when ready.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { Queue } from 'bullmq';
import express from 'express';
import { Redis } from 'ioredis';

const mode = process.env.MODE === 'add' ? 'add' : 'parse';
const app = express();
app.disable('x-powered-by');
app.use(express.json({ limit: 64 * 1024 }));
let queue: Queue | null = null;
if (mode === 'add') {
  const connection = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: 1, enableOfflineQueue: true });
  queue = new Queue('ceiling', { connection, prefix: process.env.PREFIX ?? 'bench:ceiling', defaultJobOptions: { removeOnComplete: { count: 1000 } } });
  await queue.waitUntilReady();
}
app.post('/v1/comments', async (req, res) => {
  const id = `c_${randomBytes(12).toString('hex')}`;
  if (queue) await queue.add('score', { commentId: id, comment: req.body }, { jobId: id });
  res.status(202).json({ id, status: 'queued' });
});
const server = createServer(app);
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.once('SIGTERM', () => {
  server.close();
  void queue?.close().then(() => process.exit(0));
  if (!queue) process.exit(0);
});

/*
 * The server side of bench/parse.ts, in a process of its own (the load generator must not share its thread):
 * the small API city on SQLite, listening on loopback, its parser pool as the server builds it. Tells the
 * parent its URL and two callers' headers over IPC. Not meant to be run by hand.
 */
import { apiFixture } from '../src/api/testing/fixture.js';

const fx = await apiFixture('sqlite');
const sup = await fx.login('sup');
const env = await fx.login('env');
await fx.app.listen({ host: '127.0.0.1', port: 0 });
const address = fx.app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;
process.send!({ url: `http://127.0.0.1:${port}`, sup: sup.headers, env: env.headers });
process.on('disconnect', () => {
  void fx.close().finally(() => process.exit(0));
});

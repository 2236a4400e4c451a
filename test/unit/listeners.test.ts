import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLoopback, listenersOf } from '../support/listeners';

/** The listener check itself: it must see a socket on every interface as not loopback. */
describe('listing the listening sockets of a process tree', () => {
  const servers: net.Server[] = [];
  const listen = (host: string) =>
    new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, host, () => resolve((server.address() as net.AddressInfo).port));
      servers.push(server);
    });
  let loopbackPort = 0;
  let anyPort = 0;
  beforeAll(async () => {
    loopbackPort = await listen('127.0.0.1');
    anyPort = await listen('0.0.0.0');
  });
  afterAll(() => servers.forEach((s) => s.close()));

  it('finds this process listening on loopback and on every interface, and tells them apart', () => {
    const mine = listenersOf(process.pid).filter((l) => l.pid === process.pid);
    expect(mine.find((l) => l.port === loopbackPort)).toMatchObject({ address: '127.0.0.1' });
    expect(mine.find((l) => l.port === anyPort)).toMatchObject({ address: '0.0.0.0' });
    expect(isLoopback('127.0.0.1')).toBe(true);
    expect(isLoopback('::1')).toBe(true);
    expect(isLoopback('::ffff:127.0.0.1')).toBe(true);
    expect(isLoopback('0.0.0.0')).toBe(false);
    expect(isLoopback('::')).toBe(false);
    expect(isLoopback('192.168.1.4')).toBe(false);
  });
});

import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLoopback, listenersOf, parseListening } from '../support/listeners';

/** The listener check itself: it must read every address form, and tell loopback from the rest. */
describe('listing the listening sockets of a process tree', () => {
  const server = net.createServer();
  let port = 0;
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as net.AddressInfo).port;
  });
  afterAll(() => server.close());

  it('finds a socket this process listens on, with its address', () => {
    const mine = listenersOf(process.pid).filter((l) => l.pid === process.pid);
    expect(mine.find((l) => l.port === port)).toMatchObject({ address: '127.0.0.1' });
  });

  it('decodes /proc/net/tcp and tcp6 rows: every interface, loopback, and IPv4-mapped loopback', () => {
    const header = '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode';
    const v4 = [
      header,
      '   0: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1001 1 0 100 0 0 10 0',
      '   1: 0100007F:0BB8 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1002 1 0 100 0 0 10 0',
      '   2: 0100007F:0BB9 0100007F:D431 01 00000000:00000000 00:00000000 00000000     0        0 1003 1 0 100 0 0 10 0',
    ].join('\n');
    const v6 = [
      header,
      '   0: 00000000000000000000000000000000:1F91 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2001 1 0 100 0 0 10 0',
      '   1: 00000000000000000000000001000000:1F92 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2002 1 0 100 0 0 10 0',
      '   2: 0000000000000000FFFF00000100007F:1F93 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2003 1 0 100 0 0 10 0',
    ].join('\n');
    expect(Object.fromEntries(parseListening(v4))).toEqual({
      '1001': { address: '0.0.0.0', port: 8080 },
      '1002': { address: '127.0.0.1', port: 3000 },
    });
    expect(Object.fromEntries(parseListening(v6))).toEqual({
      '2001': { address: '::', port: 8081 },
      '2002': { address: '::1', port: 8082 },
      '2003': { address: '::ffff:127.0.0.1', port: 8083 },
    });
    expect(['0.0.0.0', '::', '192.168.1.4'].map(isLoopback)).toEqual([false, false, false]);
    expect(['127.0.0.1', '::1', '::ffff:127.0.0.1'].map(isLoopback)).toEqual([true, true, true]);
  });
});

import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/**
 * The TCP sockets listening in a process tree, from /proc (Linux): which address each process
 * of the stack listens on. Used to prove the local stack listens on loopback only.
 */
export type Listener = { pid: number; command: string; address: string; port: number };

function parentOf(pid: string): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/** `root` and every process below it. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    const parent = parentOf(pid);
    if (parent !== undefined) children.set(parent, [...(children.get(parent) ?? []), Number(pid)]);
  }
  const tree: number[] = [];
  const queue = [root];
  while (queue.length) {
    const pid = queue.shift()!;
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/** `0100007F` (little-endian words) → 127.0.0.1; 32 hex digits → an IPv6 address. */
function decodeAddress(hex: string): string {
  const words = hex.match(/.{8}/g)!.map((w) => w.match(/../g)!.reverse().join(''));
  if (words.length === 1) return words[0]!.match(/../g)!.map((b) => parseInt(b, 16)).join('.');
  const groups = words.join('').match(/.{4}/g)!.map((g) => parseInt(g, 16).toString(16));
  const text = groups.join(':');
  // ::ffff:a.b.c.d, the IPv4-mapped form a dual-stack socket shows.
  if (text.startsWith('0:0:0:0:0:ffff:')) {
    const v4 = words[3]!.match(/../g)!.map((b) => parseInt(b, 16)).join('.');
    return `::ffff:${v4}`;
  }
  return text.replace(/^0:0:0:0:0:0:0:1$/, '::1').replace(/^0:0:0:0:0:0:0:0$/, '::');
}

/** LISTEN sockets of one /proc/net/tcp or tcp6 table, by inode. */
export function parseListening(table: string): Map<string, { address: string; port: number }> {
  const inodes = new Map<string, { address: string; port: number }>();
  for (const line of table.trim().split('\n').slice(1)) {
    const cols = line.trim().split(/\s+/);
    if (cols[3] !== '0A') continue; // TCP_LISTEN
    const [addr, port] = cols[1]!.split(':');
    inodes.set(cols[9]!, { address: decodeAddress(addr!), port: parseInt(port!, 16) });
  }
  return inodes;
}

function listeningInodes(): Map<string, { address: string; port: number }> {
  const inodes = new Map<string, { address: string; port: number }>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    try {
      for (const [inode, socket] of parseListening(readFileSync(file, 'utf8'))) inodes.set(inode, socket);
    } catch {
      // No IPv6 table on this machine.
    }
  }
  return inodes;
}

export function listenersOf(root: number): Listener[] {
  const inodes = listeningInodes();
  const found: Listener[] = [];
  for (const pid of processTree(root)) {
    let fds: string[] = [];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    const command = (() => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim().slice(0, 120);
      } catch {
        return '?';
      }
    })();
    for (const fd of fds) {
      let target = '';
      try {
        target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      const socket = inode ? inodes.get(inode) : undefined;
      if (socket) found.push({ pid, command, ...socket });
    }
  }
  return found;
}

export const isLoopback = (address: string) =>
  /^127\./.test(address) || address === '::1' || /^::ffff:127\./.test(address);

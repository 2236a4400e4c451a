import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time of the processes of one process group (the launcher's: itself, DynamoDB Local's JVM,
 * the dashboard), by role, read from /proc: where a request's CPU goes, which a latency figure
 * alone cannot say on a machine whose cores all of them share. Linux only; elsewhere empty.
 */
export type CpuByRole = Record<string, number>;

/** Clock ticks per second of /proc/<pid>/stat times: 100 on every Linux this runs on. */
const TICKS_PER_S = 100;

function roleOf(cmdline: string): string {
  if (/\bjava\b/.test(cmdline)) return 'dynamodb_local';
  if (/next-server|standalone\/server\.js|next(\/dist\/bin\/next)? (start|dev)/.test(cmdline)) return 'dashboard'; // Next renames its process
  if (/local\/start\.ts/.test(cmdline)) return 'launcher';
  return 'other';
}

/** CPU milliseconds so far, per role, of every process in group `pgid`. */
export function groupCpuMs(pgid: number): CpuByRole {
  const byRole: CpuByRole = {};
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return byRole;
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields after the parenthesised command: state is field 3, pgrp 5, utime 14, stime 15.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== pgid) continue;
      const ms = ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_S;
      const role = roleOf(readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' '));
      byRole[role] = (byRole[role] ?? 0) + ms;
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return byRole;
}

/** This process's own CPU milliseconds (the load generator). */
export function selfCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** CPU milliseconds per operation, per role, between two readings. */
export function cpuPerOperation(before: CpuByRole, after: CpuByRole, operations: number): CpuByRole {
  const out: CpuByRole = {};
  for (const role of Object.keys(after)) {
    out[role] = Math.round((((after[role] ?? 0) - (before[role] ?? 0)) / Math.max(operations, 1)) * 100) / 100;
  }
  return out;
}

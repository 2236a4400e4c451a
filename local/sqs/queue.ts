import { createHash } from 'node:crypto';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * A queue whose messages are the JSON files in one directory (the pipe worker writes one per failed
 * batch, as Pipes sends one message per batch). Receiving hides a message for its visibility
 * timeout, counted in memory: a restart makes every message visible again, which SQS also allows
 * (at-least-once). Deleting a message removes its file.
 */
export type QueueMessage = {
  messageId: string;
  file: string;
  body: string;
  md5OfBody: string;
  sentTimestamp: number;
};

type Visibility = { invisibleUntil: number; receiveCount: number; firstReceived: number; receipt?: string };

export const DEFAULT_VISIBILITY_TIMEOUT_SECONDS = 30;

export class DirectoryQueue {
  private readonly visibility = new Map<string, Visibility>();
  readonly createdAt = Date.now();

  constructor(
    readonly name: string,
    readonly directory: string,
  ) {}

  /** Message files, oldest first (the pipe names them by failure time). */
  private async files(): Promise<string[]> {
    try {
      const names = await readdir(this.directory);
      return names.filter((n) => n.endsWith('.json') && !n.startsWith('.')).sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  async counts(now = Date.now()): Promise<{ visible: number; notVisible: number }> {
    const files = await this.files();
    const hidden = files.filter((f) => (this.visibility.get(f)?.invisibleUntil ?? 0) > now).length;
    return { visible: files.length - hidden, notVisible: hidden };
  }

  async receive(
    max: number,
    visibilityTimeoutSeconds: number,
    now = Date.now(),
  ): Promise<(QueueMessage & { receipt: string; receiveCount: number; firstReceived: number })[]> {
    const received = [];
    for (const file of await this.files()) {
      if (received.length >= max) break;
      const state = this.visibility.get(file);
      if (state && state.invisibleUntil > now) continue;
      const message = await this.read(file);
      if (!message) continue; // deleted meanwhile
      const next: Visibility = {
        invisibleUntil: now + visibilityTimeoutSeconds * 1000,
        receiveCount: (state?.receiveCount ?? 0) + 1,
        firstReceived: state?.firstReceived ?? now,
      };
      const receipt = Buffer.from(`${file}\n${next.receiveCount}\n${now}`).toString('base64url');
      next.receipt = receipt;
      this.visibility.set(file, next);
      received.push({ ...message, receipt, receiveCount: next.receiveCount, firstReceived: next.firstReceived });
    }
    return received;
  }

  /** The file a receipt handle names, or undefined when it is not one of ours. */
  fileOfReceipt(receipt: string): string | undefined {
    if (!/^[A-Za-z0-9_-]+$/.test(receipt)) return undefined;
    const [file, count, at] = Buffer.from(receipt, 'base64url').toString('utf8').split('\n');
    if (!file || !count || !at || file.includes('/') || file.includes('\\') || !file.endsWith('.json')) return undefined;
    return file;
  }

  async delete(receipt: string): Promise<boolean> {
    const file = this.fileOfReceipt(receipt);
    if (!file) return false;
    // Deleting an already deleted message succeeds, as on SQS.
    await rm(path.join(this.directory, file), { force: true });
    this.visibility.delete(file);
    return true;
  }

  changeVisibility(receipt: string, timeoutSeconds: number, now = Date.now()): boolean {
    const file = this.fileOfReceipt(receipt);
    const state = file ? this.visibility.get(file) : undefined;
    if (!file || !state || state.receipt !== receipt) return false;
    state.invisibleUntil = now + timeoutSeconds * 1000;
    return true;
  }

  private async read(file: string): Promise<QueueMessage | undefined> {
    const full = path.join(this.directory, file);
    try {
      const [body, info] = await Promise.all([readFile(full, 'utf8'), stat(full)]);
      const digest = createHash('md5').update(file).digest('hex');
      return {
        messageId: `${digest.slice(0, 8)}-${digest.slice(8, 12)}-${digest.slice(12, 16)}-${digest.slice(16, 20)}-${digest.slice(20, 32)}`,
        file,
        body,
        md5OfBody: createHash('md5').update(body, 'utf8').digest('hex'),
        sentTimestamp: Math.floor(info.mtimeMs),
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }
}

import type { Adapter, AdapterPayload } from 'oidc-provider';

/**
 * Sessions, codes and refresh tokens live in this process: a restart of `npm start` signs
 * everyone out of the provider (the dashboard's own cookie holds a refresh token that then no
 * longer works, so people sign in again). Keys persist; see secrets.ts.
 */
const stores = new Map<string, Map<string, { payload: AdapterPayload; expiresAt: number }>>();

export class MemoryAdapter implements Adapter {
  private readonly store: Map<string, { payload: AdapterPayload; expiresAt: number }>;

  constructor(readonly name: string) {
    if (!stores.has(name)) stores.set(name, new Map());
    this.store = stores.get(name)!;
  }

  async upsert(id: string, payload: AdapterPayload, expiresIn: number) {
    this.store.set(id, { payload, expiresAt: Date.now() + expiresIn * 1000 });
  }

  async find(id: string) {
    const entry = this.store.get(id);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      this.store.delete(id);
      return undefined;
    }
    return entry.payload;
  }

  async findByUserCode(userCode: string) {
    return [...this.store.values()].find((e) => e.payload.userCode === userCode)?.payload;
  }

  async findByUid(uid: string) {
    return [...this.store.values()].find((e) => e.payload.uid === uid)?.payload;
  }

  async consume(id: string) {
    const entry = this.store.get(id);
    if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000);
  }

  async destroy(id: string) {
    this.store.delete(id);
  }

  async revokeByGrantId(grantId: string) {
    for (const [id, entry] of this.store) if (entry.payload.grantId === grantId) this.store.delete(id);
  }
}

/** Each provider gets its own stores (tests start several in one process). */
export function memoryAdapterFactory() {
  const own = new Map<string, MemoryAdapter>();
  return (name: string) => {
    if (!own.has(name)) own.set(name, new MemoryAdapter(`${Math.random()}:${name}`));
    return own.get(name)!;
  };
}

import type { CreateOrderInput, OrderStatus } from '@/lib/orders/schema';
import { CHANNELS, REGIONS } from '@/lib/orders/schema';

/**
 * Realistic demo orders (the tutorial's step 1 generator). Deterministic for a given seed so
 * demo data and benchmarks are reproducible.
 */
const CATALOG = [
  { sku: 'LAP-13', name: 'Laptop 13"', category: 'Computers', price: 129_900 },
  { sku: 'LAP-15', name: 'Laptop 15" Pro', category: 'Computers', price: 219_900 },
  { sku: 'MON-27', name: '27" 4K Monitor', category: 'Displays', price: 45_900 },
  { sku: 'MON-34', name: '34" Ultrawide Monitor', category: 'Displays', price: 79_900 },
  { sku: 'KEY-MX', name: 'Mechanical Keyboard', category: 'Accessories', price: 12_999 },
  { sku: 'MOU-WL', name: 'Wireless Mouse', category: 'Accessories', price: 4_999 },
  { sku: 'HUB-USB', name: 'USB-C Hub', category: 'Accessories', price: 5_950 },
  { sku: 'HDP-NC', name: 'Noise-cancelling Headphones', category: 'Audio', price: 29_900 },
  { sku: 'SPK-BT', name: 'Bluetooth Speaker', category: 'Audio', price: 8_999 },
  { sku: 'PHN-X', name: 'Smartphone X', category: 'Phones', price: 99_900 },
  { sku: 'PHN-CASE', name: 'Phone Case', category: 'Phones', price: 1_999 },
  { sku: 'TAB-11', name: 'Tablet 11"', category: 'Tablets', price: 59_900 },
  { sku: 'CAM-WEB', name: '1080p Webcam', category: 'Accessories', price: 6_900 },
  { sku: 'SSD-1T', name: '1 TB Portable SSD', category: 'Storage', price: 10_900 },
  { sku: 'SSD-2T', name: '2 TB Portable SSD', category: 'Storage', price: 17_900 },
] as const;

const FIRST = ['Ada', 'Grace', 'Alan', 'Katherine', 'Linus', 'Margaret', 'Dennis', 'Barbara', 'Ken', 'Radia', 'Tim', 'Frances', 'Edsger', 'Hedy', 'John', 'Sophie'];
const LAST = ['Lovelace', 'Hopper', 'Turing', 'Johnson', 'Torvalds', 'Hamilton', 'Ritchie', 'Liskov', 'Thompson', 'Perlman', 'Berners-Lee', 'Allen', 'Dijkstra', 'Lamarr', 'Backus', 'Wilson'];

/** mulberry32: tiny, fast, good enough for demo data. */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

/** Older orders have mostly moved on; recent ones are still pending. */
function statusForAge(random: () => number, ageDays: number): OrderStatus {
  const r = random();
  if (r < 0.05) return 'cancelled';
  if (r < 0.08) return 'refunded';
  if (ageDays < 2) return r < 0.6 ? 'pending' : 'paid';
  if (ageDays < 7) return r < 0.25 ? 'pending' : r < 0.7 ? 'paid' : 'shipped';
  return r < 0.3 ? 'paid' : 'shipped';
}

export function generateDemoOrder(random: () => number, now: Date, maxAgeDays: number): CreateOrderInput {
  const ageMs = random() * maxAgeDays * 86_400_000;
  const orderDate = new Date(now.getTime() - ageMs);
  const first = pick(random, FIRST);
  const last = pick(random, LAST);
  const lineCount = 1 + Math.floor(random() ** 2 * 4);
  const skus = new Set<string>();
  const items: CreateOrderInput['items'] = [];
  while (items.length < lineCount) {
    const product = pick(random, CATALOG);
    if (skus.has(product.sku)) continue;
    skus.add(product.sku);
    items.push({
      sku: product.sku,
      name: product.name,
      category: product.category,
      quantity: 1 + Math.floor(random() ** 3 * 5),
      unit_price_cents: product.price,
    });
  }
  return {
    customer: { name: `${first} ${last}`, email: `${first}.${last}@example.com`.toLowerCase() },
    region: pick(random, REGIONS),
    channel: pick(random, CHANNELS),
    status: statusForAge(random, ageMs / 86_400_000),
    currency: 'USD',
    order_date: orderDate.toISOString(),
    items,
  };
}

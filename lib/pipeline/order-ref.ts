/**
 * What a failed record is about, from its raw text: the order id and event name of a DynamoDB
 * stream record (as the pipe puts it on Kinesis), read leniently because poison data is exactly
 * the data that does not parse.
 */
export type OrderRef = { orderId: string | null; eventName: string | null };

type Attribute = { S?: unknown } | undefined;

function stringOf(value: unknown): string | null {
  if (typeof value === 'string' && value.length > 0 && value.length <= 200) return value;
  if (value && typeof value === 'object' && typeof (value as { S?: unknown }).S === 'string')
    return stringOf((value as { S: string }).S);
  return null;
}

export function readOrderRef(raw: string): OrderRef {
  try {
    const parsed = JSON.parse(raw) as {
      eventName?: unknown;
      dynamodb?: { Keys?: Record<string, Attribute>; NewImage?: Record<string, Attribute>; OldImage?: Record<string, Attribute> };
      order_id?: unknown;
    };
    if (parsed && typeof parsed === 'object') {
      const ddb = parsed.dynamodb;
      const orderId =
        stringOf(ddb?.Keys?.order_id) ??
        stringOf(ddb?.NewImage?.order_id) ??
        stringOf(ddb?.OldImage?.order_id) ??
        stringOf(parsed.order_id);
      const eventName = typeof parsed.eventName === 'string' ? parsed.eventName : null;
      if (orderId || eventName) return { orderId, eventName };
    }
  } catch {
    // Not JSON: fall back to the patterns below.
  }
  const typed = raw.match(/"order_id"\s*:\s*\{\s*"S"\s*:\s*"([^"\\]{1,200})"/);
  const plain = raw.match(/"order_id"\s*:\s*"([^"\\]{1,200})"/);
  const event = raw.match(/"eventName"\s*:\s*"(INSERT|MODIFY|REMOVE)"/);
  return { orderId: typed?.[1] ?? plain?.[1] ?? null, eventName: event?.[1] ?? null };
}

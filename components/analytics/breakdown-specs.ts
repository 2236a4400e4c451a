import type { Dimension } from './api';

/** The breakdown widgets, in page order (plain data: the server page maps over it). */
export type BreakdownSpec = { dimension: Dimension; title: string; definition: string; keyHeader: string; valueHeader: string };

export const BREAKDOWN_SPECS: BreakdownSpec[] = [
  {
    dimension: 'product',
    title: 'Top products',
    keyHeader: 'Product',
    valueHeader: 'Revenue',
    definition: 'Line revenue (quantity × unit price) of orders counted in revenue, by SKU; the ten largest. Lines of an order add up to its total, so all products together equal revenue.',
  },
  {
    dimension: 'category',
    title: 'Revenue by category',
    keyHeader: 'Category',
    valueHeader: 'Revenue',
    definition: 'Line revenue of orders counted in revenue, by product category. Orders counts the orders with at least one line in the category.',
  },
  { dimension: 'region', title: 'Revenue by region', keyHeader: 'Region', valueHeader: 'Revenue', definition: 'Revenue (paid or shipped orders in the range) by the order’s region.' },
  { dimension: 'channel', title: 'Revenue by channel', keyHeader: 'Channel', valueHeader: 'Revenue', definition: 'Revenue (paid or shipped orders in the range) by sales channel.' },
  {
    dimension: 'status',
    title: 'Order value by status',
    keyHeader: 'Status',
    valueHeader: 'Value',
    definition: 'Total value of every current order in the range, by status. Only paid and shipped count as revenue; pending, cancelled and refunded are shown for context.',
  },
  {
    dimension: 'customer',
    title: 'Top customers',
    keyHeader: 'Customer',
    valueHeader: 'Revenue',
    definition: 'The ten customers (by email) with the most revenue in the range.',
  },
];

import type { Metadata } from 'next';
import Link from 'next/link';
import { TraceSearch } from '@/components/pipeline/trace-search';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageAccess } from '@/lib/auth/page-guard';

export const metadata: Metadata = { title: 'Trace an order' };

export default async function TraceIndexPage() {
  await requirePageAccess('/pipeline/trace');
  return (
    <>
      <nav className="mb-3 text-sm">
        <Link href="/pipeline" className="text-brand-700 hover:underline">
          ← Pipeline
        </Link>
      </nav>
      <PageHeader
        title="Trace an order"
        description="Follow one order's changes through DynamoDB, its stream, Kinesis, S3 and Athena, with the latency of each stage and the reason for anything stuck or failed."
      />
      <div className="max-w-2xl">
        <TraceSearch />
        <p className="mt-3 text-sm text-slate-600">
          Or open any order and choose <span className="font-medium text-slate-800">Trace in pipeline</span>.
        </p>
      </div>
    </>
  );
}

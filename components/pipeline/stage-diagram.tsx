'use client';

import { ErrorState } from '@/components/ui/states';
import { StagesSkeleton } from './health-skeletons';
import { StageCard } from './stage-card';
import { usePipelineHealth } from './use-pipeline-health';

/** DynamoDB → Stream → Pipe → Kinesis → Firehose → S3 → Athena, each with its status and figures. */
export function StageDiagram() {
  const { data, error } = usePipelineHealth();
  if (!data) {
    if (error) return <ErrorState title="Pipeline health is unavailable" message={error.message} />;
    return <StagesSkeleton />;
  }
  return (
    <ol aria-label="Pipeline stages" className="grid grid-cols-2 gap-3 sm:grid-cols-4 xl:grid-cols-7">
      {data.stages.map((stage, i) => (
        <li key={stage.id} className="relative">
          <StageCard stage={stage} />
          {i < data.stages.length - 1 && (
            <span
              aria-hidden
              className="absolute -right-3 top-1/2 z-10 hidden h-5 w-5 -translate-y-1/2 place-items-center rounded-full border border-slate-200 bg-white text-[10px] text-slate-400 shadow-sm xl:grid"
            >
              →
            </span>
          )}
        </li>
      ))}
    </ol>
  );
}

import type { TestProject } from 'vitest/node';
import { startLocalAws } from '@/local/stack';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Environment that points the app's SDK clients at the run's DynamoDB Local. */
    localAwsEnv: Record<string, string>;
  }
}

/** Starts one in-memory DynamoDB Local behind the gateway for the whole integration run. */
export default async function setup(project: TestProject) {
  const localAws = await startLocalAws({ port: 0 });
  project.provide('localAwsEnv', localAws.env);
  return async () => {
    await localAws.stop();
  };
}

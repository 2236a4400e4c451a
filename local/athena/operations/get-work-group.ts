import type { Operation } from '../context';
import { ENGINE_VERSION } from '../work-groups';
import { LIMITS, requiredString } from '../validate';

/** GetWorkGroup: the workgroup's configuration, as infra/ deploys it. */
export const getWorkGroup: Operation = ({ workGroups }, input) => {
  const group = workGroups.resolve(requiredString(input, 'WorkGroup', LIMITS.workGroup));
  return {
    WorkGroup: {
      Name: group.name,
      State: 'ENABLED',
      Description: group.description,
      CreationTime: group.creationTime.getTime() / 1000,
      Configuration: {
        ResultConfiguration: { OutputLocation: group.outputLocation },
        EnforceWorkGroupConfiguration: group.enforceWorkGroupConfiguration,
        PublishCloudWatchMetricsEnabled: false,
        RequesterPaysEnabled: false,
        EngineVersion: ENGINE_VERSION,
        ...(group.bytesScannedCutoffPerQuery !== undefined
          ? { BytesScannedCutoffPerQuery: group.bytesScannedCutoffPerQuery }
          : {}),
      },
    },
  };
};

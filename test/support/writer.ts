import { serviceCaller } from '@/lib/auth/roles';

/** Who test writes through the orders service are made by, in the audit trail. */
export const TEST_WRITER = serviceCaller('integration-test');

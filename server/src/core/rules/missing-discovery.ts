// `missing-discovery`: a feature has no discovery event (see shared/missing.ts).
import { missingRule } from './shared/missing';

export const rule = missingRule('discovery');

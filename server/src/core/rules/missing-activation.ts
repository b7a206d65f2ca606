// `missing-activation`: a feature has no activation event (see shared/missing.ts).
import { missingRule } from './shared/missing';

export const rule = missingRule('activation');

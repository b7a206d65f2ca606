// `missing-value`: a feature has no value event (see shared/missing.ts).
import { missingRule } from './shared/missing';

export const rule = missingRule('value');

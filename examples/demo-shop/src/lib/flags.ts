export const FLAGS = {
  BULK_EXPORT: 'bulk-export',
  ONBOARDING_TOUR: 'onboarding-tour',
} as const;

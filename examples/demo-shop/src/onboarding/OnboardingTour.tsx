import { useFeatureIsOn } from '@growthbook/growthbook-react';
import { trackEvent } from '@/lib/analytics';
import { FLAGS } from '@/lib/flags';

// A gap: GrowthBook logs no exposure for plain feature checks, and no event marks the tour as seen.
export function OnboardingTour({ steps }: { steps: string[] }) {
  const on = useFeatureIsOn(FLAGS.ONBOARDING_TOUR);
  if (!on) return null;
  return (
    <ol>
      <button onClick={() => trackEvent('onboarding_tour_started')}>Start the tour</button>
      {steps.map((step, i) => (
        <li key={step} onClick={() => i === steps.length - 1 && trackEvent('onboarding_tour_completed')}>
          {step}
        </li>
      ))}
    </ol>
  );
}

import { useFeatureFlagEnabled } from 'posthog-js/react';
import posthog from 'posthog-js';

// PostHog logs `$feature_flag_called` on the flag check: that exposure is the discovery event.
export function AiSearch({ onAnswer }: { onAnswer: (text: string) => void }) {
  const enabled = useFeatureFlagEnabled('ai-search');
  if (!enabled) return null;
  const ask = async (question: string) => {
    posthog.capture('ai_search_used', { length: question.length });
    const answer = await fetch(`/api/ask?q=${encodeURIComponent(question)}`).then((r) => r.text());
    posthog.capture('ai_search_completed');
    onAnswer(answer);
  };
  return (
    <input placeholder="Ask anything" onKeyDown={(e) => e.key === 'Enter' && ask(e.currentTarget.value)} />
  );
}

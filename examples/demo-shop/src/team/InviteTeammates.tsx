import { useGate } from 'statsig-react';
import { trackEvent } from '@/lib/analytics';

// Gaps: the event name is built at run time, so no milestone can be checked statically; and the
// name breaks the plan's snake_case convention.
export function InviteTeammates({ kind }: { kind: 'email' | 'link' }) {
  const { value: enabled } = useGate('team_invites');
  if (!enabled) return null;
  const send = () => trackEvent(`invite_${kind}_sent`);
  trackEvent('TeamInvitesShown');
  return <button onClick={send}>Invite</button>;
}

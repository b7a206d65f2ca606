import { useState } from 'react';
import { useGate } from 'statsig-react';
import { trackEvent } from '@/lib/analytics';
import { InviteLinkButton } from './InviteLinkButton';

// Gaps: the event name is built at run time from state, so it cannot mark the value milestone; and
// the "shown" event breaks the plan's snake_case convention.
export function InviteTeammates({ link }: { link: string }) {
  const [kind, setKind] = useState<'email' | 'link'>('email');
  const { value: enabled } = useGate('team_invites');
  if (!enabled) return null;
  const send = () => trackEvent(`invite_${kind}_sent`);
  trackEvent('TeamInvitesShown');
  return (
    <div>
      <button onClick={() => setKind(kind === 'email' ? 'link' : 'email')}>Switch to {kind}</button>
      <button onClick={send}>Invite</button>
      {/* Rendered only here: its event belongs to team-invites. */}
      <InviteLinkButton link={link} />
    </div>
  );
}

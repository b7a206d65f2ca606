import { useGate } from 'statsig-react';
import { trackEvent } from '@/lib/analytics';
import { InviteLinkButton } from './InviteLinkButton';

// Gaps: the event name is built at run time, so it cannot mark the value milestone; and the
// "shown" event breaks the plan's snake_case convention.
export function InviteTeammates({ kind, link }: { kind: 'email' | 'link'; link: string }) {
  const { value: enabled } = useGate('team_invites');
  if (!enabled) return null;
  const send = () => trackEvent(`invite_${kind}_sent`);
  trackEvent('TeamInvitesShown');
  return (
    <div>
      <button onClick={send}>Invite</button>
      {/* Rendered only here: its event belongs to team-invites. */}
      <InviteLinkButton link={link} />
    </div>
  );
}

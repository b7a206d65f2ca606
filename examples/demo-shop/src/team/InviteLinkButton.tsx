import { trackEvent } from '@/lib/analytics';

export function InviteLinkButton({ link }: { link: string }) {
  const copy = async () => {
    await navigator.clipboard.writeText(link);
    trackEvent('team_invite_link_copied');
  };
  return <button onClick={copy}>Copy invite link</button>;
}

import { useFlags } from 'launchdarkly-react-client-sdk';
import { analytics } from '@/lib/analytics';
import { EVENTS } from '@/lib/events';
import { LegacyCheckout } from './LegacyCheckout';

// The complete feature: discovery, activation and value are all instrumented.
export function CheckoutPage({ cartTotal }: { cartTotal: number }) {
  const { checkoutV2 } = useFlags();
  if (!checkoutV2) return <LegacyCheckout />;

  analytics.track(EVENTS.CHECKOUT_VIEWED, { cartTotal });
  const start = () => analytics.track(EVENTS.CHECKOUT_STARTED, { cartTotal });
  const pay = async () => {
    await fetch('/api/pay', { method: 'POST' });
    analytics.track(EVENTS.ORDER_COMPLETED, { revenue: cartTotal });
  };
  return (
    <form onSubmit={pay} onFocus={start}>
      <button type="submit">Pay {cartTotal}</button>
    </form>
  );
}

export function LegacyCheckout() {
  return <form action="/checkout">Checkout</form>;
}

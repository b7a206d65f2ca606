// Event names live here so that a typo is a compile error, not a silent new event.
export const EVENTS = {
  CHECKOUT_VIEWED: 'checkout_viewed',
  CHECKOUT_STARTED: 'checkout_started',
  ORDER_COMPLETED: 'order_completed',
} as const;

export enum ExportEvent {
  Opened = 'bulk_export_opened',
  Clicked = 'bulk_export_clicked',
}

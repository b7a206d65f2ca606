import { useBooleanFlagValue } from '@openfeature/react-sdk';
import { analytics } from '@/lib/analytics';
import { ExportEvent } from '@/lib/events';
import { FLAGS } from '@/lib/flags';

// A gap: the export is clicked, but nobody tracks whether the file was downloaded (the value).
export function BulkExportButton({ rows }: { rows: number }) {
  const enabled = useBooleanFlagValue(FLAGS.BULK_EXPORT, false);
  if (!enabled) return null;
  analytics.track(ExportEvent.Opened, { rows });
  return <button onClick={() => analytics.track(ExportEvent.Clicked, { rows })}>Export {rows} rows</button>;
}

// The extension host's console reaches the test process through the workbench page's console, mixed
// with the workbench's own logging: the in-host runner marks its lines so the harness can pick them.
export const OUTPUT_MARK = '[activation-lens e2e] ';

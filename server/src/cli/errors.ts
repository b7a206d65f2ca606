// Exit codes shared by every command.
export const EXIT_OK = 0;
/** Findings over the threshold (`check`). */
export const EXIT_FINDINGS = 1;
/** Usage errors, unreadable inputs, fatal configuration errors. */
export const EXIT_USAGE = 2;

/** An error the user can fix by changing the command line or its inputs: one line on stderr, exit 2. */
export class UsageError extends Error {}

// How often the language server may stop unexpectedly before the client gives up restarting it: a
// server that crashes on every start would otherwise restart (and flash errors) forever. No `vscode`
// import, so a unit test can drive it with its own clock.

export class CrashLimiter {
  private crashes: number[] = [];

  constructor(
    /** Restarts allowed within the window. */
    readonly maxRestarts = 4,
    readonly windowMs = 3 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a crash; true when the server may be restarted once more. */
  crashed(): boolean {
    const t = this.now();
    this.crashes = this.crashes.filter((c) => t - c < this.windowMs);
    this.crashes.push(t);
    return this.crashes.length <= this.maxRestarts;
  }

  /** Crashes recorded within the window. */
  get recent(): number {
    const t = this.now();
    return this.crashes.filter((c) => t - c < this.windowMs).length;
  }

  /** A restart asked for by the user starts the count again. */
  reset(): void {
    this.crashes = [];
  }
}

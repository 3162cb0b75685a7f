/**
 * A Playwright reporter whose only output is one closing line,
 * `N passed, N failed`, which CI reads. A test that passed on retry counts
 * as passed; skipped tests count as neither; an error outside any test
 * (the web server did not start, a spec failed to load) counts as a failure,
 * so the line never reads `0 failed` for a run that went wrong.
 */
import type { FullResult, Reporter, Suite, TestError } from '@playwright/test/reporter';

export default class SummaryReporter implements Reporter {
  #suite: Suite | null = null;
  #globalErrors = 0;

  onBegin(_config: unknown, suite: Suite): void {
    this.#suite = suite;
  }

  onError(_error: TestError): void {
    this.#globalErrors += 1;
  }

  onEnd(result: FullResult): void {
    let passed = 0;
    let failed = this.#globalErrors;
    for (const test of this.#suite?.allTests() ?? []) {
      const outcome = test.outcome();
      if (outcome === 'expected' || outcome === 'flaky') passed += 1;
      else if (outcome === 'unexpected') failed += 1;
    }
    if (result.status !== 'passed' && failed === 0) failed = 1; // timed out or interrupted
    console.log(`${passed} passed, ${failed} failed`);
  }

  printsToStdio(): boolean {
    return true;
  }
}

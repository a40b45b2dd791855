// @ts-check
// Mocha reporter: mocha's spec output, plus the pass/fail/skip counts written as JSON to the file
// named by ASYNC_COACH_COUNTS (if set), so the test driver can sum every layer into one line.
'use strict';
const fs = require('node:fs');
const Mocha = require('mocha');

class CountReporter extends Mocha.reporters.Spec {
  /** @param {Mocha.Runner} runner @param {Mocha.MochaOptions} options */
  constructor(runner, options) {
    super(runner, options);
    const counts = { passed: 0, failed: 0, skipped: 0 };
    runner.on(Mocha.Runner.constants.EVENT_TEST_PASS, () => counts.passed++);
    runner.on(Mocha.Runner.constants.EVENT_TEST_FAIL, () => counts.failed++);
    runner.on(Mocha.Runner.constants.EVENT_TEST_PENDING, () => counts.skipped++);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const file = process.env.ASYNC_COACH_COUNTS;
      if (file) fs.writeFileSync(file, JSON.stringify(counts));
    });
  }
}
module.exports = CountReporter;

// Jest test sequencer: the deploy suites first, then jest's own order (slowest first when it has timings, else
// largest file first). The deploy suites spend much of their time waiting on the provider's job-queue polls; started
// first, they wait while the other suites use the cores, instead of running alone at the end.
const Sequencer = require("@jest/test-sequencer").default;

const isDeploy = (test) => /terraform-deploy[^/]*\.test\.ts$/.test(test.path);

class DeployFirst extends Sequencer {
  async sort(tests) {
    const sorted = await super.sort(tests);
    return [...sorted.filter(isDeploy), ...sorted.filter((test) => !isDeploy(test))];
  }
}

module.exports = DeployFirst;

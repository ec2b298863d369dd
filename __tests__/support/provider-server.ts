import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { isolated } from "./isolation";

/**
 * One AWS provider process that many `terraform` commands attach to (Terraform's documented reattach mode,
 * `TF_REATTACH_PROVIDERS`, which provider developers use to debug), instead of Terraform starting the provider
 * afresh for every validate, plan and show walk.
 *
 * Why: the AWS provider needs about 2 CPU seconds to build its schema each time it starts, and a plan starts it
 * three times. Attached, a plan costs about half, with the same provider binary answering the same calls.
 *
 * The process runs in its own network namespace with only loopback, like every other Terraform command in the
 * suite, and dies with the test process that started it (`setpriv --pdeathsig`). One provider serves one command
 * at a time: each test file gets its own, and commands inside a file run one after the other.
 *
 * What differs from Terraform starting the provider: the process keeps the environment it was started with, and
 * each configuration replaces the previous one, so aliases (several `aws` blocks) would share one configured
 * instance. `TerraformWorkspace` therefore attaches only to single-provider configurations run without extra
 * `AWS_*`/`TF_LOG*` variables, and starts the provider per command otherwise.
 */
export class ProviderServer {
  /** Starts `binary` in debug mode and waits until it says how to attach; throws with its output if it cannot. */
  public static start(binary: string, isolation: string[], env: NodeJS.ProcessEnv): ProviderServer {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tf-provider-"));
    const log = path.join(dir, "provider.out");
    const fd = fs.openSync(log, "w");
    const command = [...isolation, "setpriv", "--pdeathsig", "KILL", "--", binary, "-debug"];
    const child = spawn(command[0], command.slice(1), { env, stdio: ["ignore", fd, fd], cwd: dir });
    let failure: Error | undefined;
    child.on("error", (error) => (failure = error)); // e.g. setpriv missing; reported below, never a crash
    fs.closeSync(fd);
    child.unref();
    const deadline = Date.now() + 60_000;
    for (;;) {
      const output = fs.readFileSync(log, "utf8");
      const reattach = /TF_REATTACH_PROVIDERS='(\{.*\})'/.exec(output)?.[1];
      if (reattach !== undefined) return new ProviderServer(child.pid!, reattach, dir);
      if (Date.now() > deadline || child.pid === undefined || !alive(child.pid)) {
        child.kill("SIGKILL");
        throw new Error(
          `the provider did not start in debug mode (${failure?.message ?? "no reattach line"}):\n${output}`,
        );
      }
      sleep(25);
    }
  }

  private constructor(
    private readonly pid: number,
    public readonly reattach: string,
    private readonly dir: string,
  ) {}

  /** Interrupts the provider, which then removes its socket, as on Ctrl-C; kills it if it is still there after 2 s. */
  public stop(): void {
    const signal = (name: NodeJS.Signals) => {
      try {
        process.kill(this.pid, name);
      } catch {
        // already gone
      }
    };
    signal("SIGINT");
    const deadline = Date.now() + 2000;
    while (alive(this.pid) && Date.now() < deadline) sleep(20);
    if (alive(this.pid)) signal("SIGKILL");
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !/^\S+ \S+ Z/.test(fs.readFileSync(`/proc/${pid}/stat`, "utf8").replace(/\(.*\)/, "x"));
  } catch {
    return false;
  }
}

/**
 * A provider in debug mode logs at TRACE, request bodies included (a secret's value too), where a normal run logs
 * nothing unless TF_LOG asks: these keep its log as quiet as a normal run's.
 */
export const QUIET_PROVIDER = { TF_LOG_PROVIDER_AWS: "OFF", TF_LOG_SDK: "OFF" };

// The commands of one test file attach to one provider process: started on first use, stopped after the file
// (setup.ts).
let shared: ProviderServer | undefined;

/** This test file's provider process, network-isolated, started on first use. */
export function sharedProviderServer(binary: string, env: NodeJS.ProcessEnv): ProviderServer {
  shared ??= ProviderServer.start(binary, isolated(), { ...env, ...QUIET_PROVIDER });
  return shared;
}

/** Stops this test file's provider process, if one was started. */
export function stopProviderServer(): void {
  shared?.stop();
  shared = undefined;
}

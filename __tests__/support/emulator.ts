import { ChildProcess, spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** moto's server port inside the emulator's own namespace, where nothing else listens. */
const PORT = 4566;

export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * moto's server, an AWS API emulator, alone on loopback in a network namespace of its own (`unshare --net`): every
 * command of a deploy test runs inside that namespace (`nsenter`), so the AWS CLI, Terraform's AWS provider and the
 * cdktf CLI can reach the emulator and nothing else. moto is killed with the test process (`setpriv --pdeathsig`).
 */
export class Emulator {
  /** Starts moto and waits until it answers. */
  public static start(): Emulator {
    // A file, not a pipe: the test process sits in spawnSync while moto logs, and a full pipe would stop moto.
    const logDir = fs.mkdtempSync(path.join(os.tmpdir(), "moto-"));
    const log = fs.openSync(path.join(logDir, "moto.log"), "w");
    const child = spawn(
      "unshare",
      [
        "--net",
        "-r",
        "bash",
        "-c",
        `ip link set lo up && exec setpriv --pdeathsig KILL -- moto_server -H 127.0.0.1 -p ${PORT}`,
      ],
      {
        // moto attaches AWS managed policies (the ECS task execution policy) only when it loads them at start.
        env: { PATH: process.env.PATH, HOME: process.env.HOME, MOTO_IAM_LOAD_MANAGED_POLICIES: "true" },
        stdio: ["ignore", log, log],
      },
    );
    fs.closeSync(log);
    // The emulator is stopped in afterAll; it must not keep a jest worker alive if a test file stops early.
    child.unref();
    const emulator = new Emulator(child, logDir);
    // moto_server loads its managed policies at start: seconds on a busy machine, so the wait is generous.
    for (let i = 0; i < 1200; i++) {
      if (emulator.run("curl", ["-s", "-o", "/dev/null", emulator.endpoint]).status === 0) return emulator;
      spawnSync("sleep", ["0.1"]);
    }
    const output = emulator.log;
    emulator.stop();
    throw new Error(`moto_server did not answer within 120 s:\n${output}`);
  }

  public readonly endpoint = `http://127.0.0.1:${PORT}`;
  private constructor(
    private readonly child: ChildProcess,
    private readonly logDir: string,
  ) {}

  /** moto's request log (a line per request: method, path, status). */
  public get requestLog(): string {
    return fs.readFileSync(path.join(this.logDir, "moto.log"), "utf8");
  }

  private get log(): string {
    return this.requestLog.slice(-20000);
  }

  /**
   * The environment a user sets to point the AWS CLI, the SDK inside Terraform's provider and the cdktf CLI at an
   * account: here the emulator's, with fake keys, no instance metadata and no version check.
   */
  public get env(): NodeJS.ProcessEnv {
    return {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      AWS_ENDPOINT_URL: this.endpoint,
      AWS_ACCESS_KEY_ID: "testing",
      AWS_SECRET_ACCESS_KEY: "testing",
      AWS_REGION: "us-east-1",
      AWS_DEFAULT_REGION: "us-east-1",
      AWS_EC2_METADATA_DISABLED: "true",
      CHECKPOINT_DISABLE: "1",
    };
  }

  /** Runs a command inside the emulator's namespace with `env` (nothing of the test process's environment). */
  public run(
    command: string,
    args: string[],
    options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutSeconds?: number } = {},
  ): Run {
    const pid = this.child.pid;
    if (pid === undefined || this.child.exitCode !== null) throw new Error(`the emulator is not running:\n${this.log}`);
    const result = spawnSync("nsenter", ["-t", String(pid), "-U", "-n", "--preserve-credentials", command, ...args], {
      cwd: options.cwd,
      env: options.env ?? this.env,
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
      timeout: (options.timeoutSeconds ?? 300) * 1000,
    });
    if (result.error)
      throw new Error(`${command} ${args.join(" ")}: ${result.error.message}\n${result.stdout}${result.stderr}`);
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  /** `aws <args> --output json` against the emulator, parsed; throws with the CLI's output when it fails. */
  public aws(...args: string[]): any {
    const result = this.run("aws", [...args, "--output", "json"]);
    if (result.status !== 0)
      throw new Error(`aws ${args.join(" ")} failed (${result.status}):\n${result.stderr}${result.stdout}`);
    return result.stdout.trim() === "" ? undefined : JSON.parse(result.stdout);
  }

  public stop(): void {
    if (this.child.exitCode === null) this.child.kill("SIGKILL");
    fs.rmSync(this.logDir, { recursive: true, force: true });
  }
}

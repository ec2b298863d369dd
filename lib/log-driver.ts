import { Construct } from "constructs";
import { Token } from "cdktf";
import type { ContainerSecret } from "./container-secret";
import { failForCall } from "./private/fail";
import { regionOf } from "./private/stack-context";
import { checkInput } from "./private/boundary";

/** A container's `logConfiguration`, as ECS task definitions and Batch job definitions both take it. */
export interface LogDriverConfig {
  /** The Docker log driver: `awslogs`, `awsfirelens`, `splunk`, `json-file`, `fluentd`, ... */
  readonly logDriver: string;
  /**
   * The driver's options.
   * @default - none
   */
  readonly options?: { [key: string]: string };
  /**
   * Options whose values are secrets (a Splunk token, a FireLens output's password), read by the execution role at
   * start-up, which is granted read on exactly these.
   * @default - none
   */
  readonly secretOptions?: { [key: string]: ContainerSecret };
}

/** Props of `LogDriver.awsLogs`. */
export interface AwsLogsProps {
  /** The CloudWatch Logs group, e.g. `new CloudwatchLogGroup(...).name`. */
  readonly logGroupName: string;
  /** Stream name prefix; streams are named `<prefix>/<container>/<task id>`. */
  readonly streamPrefix: string;
  /**
   * Region of the log group.
   * @default - the provider's region
   */
  readonly region?: string;
}

const DRIVER_NAME = /^[a-z0-9][a-z0-9_-]*$/;
const LOG_GROUP = /^[.\-_/#A-Za-z0-9]{1,512}$/;
const STREAM_PREFIX = /^[^:*]{1,512}$/;

/**
 * Where a container's output goes. Use a factory, or subclass it for a driver of your own; `bind` is called once
 * per container with the construct (task or job definition) the container belongs to.
 */
export abstract class LogDriver {
  /**
   * CloudWatch Logs through the `awslogs` driver; the created execution roles' managed policy already allows
   * writing.
   */
  public static awsLogs(props: AwsLogsProps): LogDriver {
    const fail = failForCall("LogDriver.awsLogs", props?.logGroupName);
    checkInput(fail, "props", props, "AwsLogsProps");
    if (!Token.isUnresolved(props.logGroupName) && !LOG_GROUP.test(props.logGroupName)) {
      throw fail("logGroupName is not a CloudWatch Logs group name", "use 1-512 letters, digits and . _ - / #");
    }
    if (!Token.isUnresolved(props.streamPrefix) && !STREAM_PREFIX.test(props.streamPrefix)) {
      throw fail(
        `streamPrefix "${props.streamPrefix}" is not a log stream name prefix`,
        "use 1-512 characters without ':' or '*'",
      );
    }
    return LogDriver.of((scope) => ({
      logDriver: "awslogs",
      options: {
        "awslogs-group": props.logGroupName,
        "awslogs-region": props.region ?? regionOf(scope),
        "awslogs-stream-prefix": props.streamPrefix,
      },
    }));
  }

  /**
   * Any driver the platform supports, with its options as given: FireLens (`awsfirelens`), `splunk`, `json-file`,
   * `fluentd`, `gelf`, `syslog`, `journald`. Fargate accepts only `awslogs`, `splunk` and `awsfirelens`.
   */
  public static generic(config: LogDriverConfig): LogDriver {
    const fail = failForCall("LogDriver.generic", config?.logDriver);
    checkInput(fail, "config", config, "LogDriverConfig");
    if (!Token.isUnresolved(config.logDriver) && !DRIVER_NAME.test(config.logDriver)) {
      throw fail("logDriver is not a Docker log driver name", "use a driver such as awsfirelens, splunk or json-file");
    }
    return LogDriver.of(() => config);
  }

  private static of(render: (scope: Construct) => LogDriverConfig): LogDriver {
    return new (class extends LogDriver {
      public bind(scope: Construct): LogDriverConfig {
        return render(scope);
      }
    })();
  }

  /** The configuration for one container of `scope` (a task or job definition). */
  public abstract bind(scope: Construct): LogDriverConfig;
}

import { Construct } from "constructs";
import { regionOf } from "../private/stack-context";

/** The `logConfiguration` of a container definition. */
export interface LogConfiguration {
  readonly logDriver: string;
  readonly options: { [key: string]: string };
}

export interface AwsLogsProps {
  /** The CloudWatch Logs group, e.g. `new CloudwatchLogGroup(...).name`. */
  readonly logGroupName: string;
  /** Stream name prefix; streams are named `<prefix>/<container>/<task id>`. */
  readonly streamPrefix: string;
  /** @default - the provider's region */
  readonly region?: string;
}

/** Where a container's output goes. */
export class LogDriver {
  /** CloudWatch Logs through the `awslogs` driver; the execution role's managed policy already allows writing. */
  public static awsLogs(props: AwsLogsProps): LogDriver {
    return new LogDriver((scope) => ({
      logDriver: "awslogs",
      options: {
        "awslogs-group": props.logGroupName,
        "awslogs-region": props.region ?? regionOf(scope),
        "awslogs-stream-prefix": props.streamPrefix,
      },
    }));
  }

  private constructor(private readonly render: (scope: Construct) => LogConfiguration) {}

  /** @internal the configuration for a container in `scope`'s stack. */
  public _bind(scope: Construct): LogConfiguration {
    return this.render(scope);
  }
}

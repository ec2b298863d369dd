import { Fn, Token } from "cdktf";
import { Construct } from "constructs";
import type { IRole } from "./role";
import { arnRegion, checkArnRegion } from "./private/aws-values";
import { Fail, failFor, failForCall } from "./private/fail";
import { grantContainerRead } from "./private/container-read";
import { ContainerReadAction, ContainerReadGrant } from "./private/policy-documents";
import { checkKmsKeyArn, checkSecretArn, endsLikeSuffix } from "./private/secret-reference";
import { accountOf, partitionOf, regionOf } from "./private/stack-context";
import { checkInput } from "./private/boundary";
import { attachPlanChecks } from "./private/plan-checks";

/** Options of `ContainerSecret.fromSecretsManager`. */
export interface SecretsManagerSecretOptions {
  /**
   * The key of a JSON secret whose value the variable gets.
   * @default - the whole `SecretString`
   */
  readonly field?: string;
  /**
   * The version stage to read (`AWSCURRENT`, `AWSPREVIOUS` or one of your own). Not with `versionId`.
   * @default - AWSCURRENT
   */
  readonly versionStage?: string;
  /**
   * The version id to read. Not with `versionStage`.
   * @default - AWSCURRENT
   */
  readonly versionId?: string;
  /**
   * ARN of the customer-managed KMS key that encrypts the secret; the execution role gets `kms:Decrypt` on it
   * through Secrets Manager only.
   * @default - the AWS-managed key, which needs no grant
   */
  readonly kmsKeyArn?: string;
}

/** Options of `ContainerSecret.fromSsmParameterName` and `fromSsmParameterArn`. */
export interface SsmParameterOptions {
  /**
   * ARN of the customer-managed KMS key of a `SecureString` parameter; the execution role gets `kms:Decrypt` on it
   * through Parameter Store only.
   * @default - the AWS-managed key `aws/ssm`, or a plain parameter: no grant
   */
  readonly kmsKeyArn?: string;
}

const FIELD = /^[^:]{1,256}$/;
const VERSION_ID = /^[A-Za-z0-9-]{32,64}$/;
const PARAMETER_NAME = /^\/?[A-Za-z0-9_.\-/]{1,2047}$/;
const PARAMETER_ARN =
  /^arn:(?:aws|aws-cn|aws-us-gov|aws-iso[a-z-]*):ssm:[a-z0-9-]+:\d{12}:parameter\/[A-Za-z0-9_.\-/]{1,2048}$/;

/**
 * A value ECS or Batch puts into a container's environment (or a log driver's options) at start-up, read from
 * Secrets Manager or Parameter Store by the execution role, which is granted read on exactly that value. The value
 * never appears in the task or job definition, the plan or the state.
 */
export class ContainerSecret {
  /**
   * A Secrets Manager secret, whole or one key of its JSON, by its complete ARN (ending in the "-" and six characters
   * Secrets Manager appends; a Terraform reference such as `secret.arn` is trusted to be one).
   * @param secretArn the secret's complete ARN
   */
  public static fromSecretsManager(secretArn: string, options: SecretsManagerSecretOptions = {}): ContainerSecret {
    const fail = failForCall("ContainerSecret.fromSecretsManager", secretArn);
    checkInput(fail, "secretArn", secretArn, "string");
    checkInput(fail, "options", options, "SecretsManagerSecretOptions", true);
    const region = checkSecretArn(fail, secretArn);
    if (region !== undefined && !endsLikeSuffix(secretArn)) {
      throw fail(
        "the ARN does not end in the 6-character suffix Secrets Manager appends",
        "copy the complete ARN from `aws secretsmanager describe-secret`",
      );
    }
    const { field, versionStage, versionId, kmsKeyArn } = options;
    checkPart(fail, "field", field, FIELD, "a JSON key of 1-256 characters without ':'");
    checkPart(fail, "versionStage", versionStage, FIELD, "a stage label of 1-256 characters without ':'");
    checkPart(fail, "versionId", versionId, VERSION_ID, "the version's id (32-64 letters, digits or '-')");
    if (versionStage !== undefined && versionId !== undefined) {
      throw fail("versionStage and versionId are both given", "give one of them: ECS reads one version");
    }
    if (kmsKeyArn !== undefined) checkKmsKeyArn(fail, kmsKeyArn, region);
    const pick = field !== undefined || versionStage !== undefined || versionId !== undefined;
    const valueFrom = pick ? `${secretArn}:${field ?? ""}:${versionStage ?? ""}:${versionId ?? ""}` : secretArn;
    return new ContainerSecret(fail, valueFrom, secretArn, `sm|${secretArn}|${kmsKeyArn ?? ""}`, () => ({
      action: ContainerReadAction.SECRET,
      resource: secretArn,
      kms: kmsKeyArn === undefined ? undefined : { keyArn: kmsKeyArn, region: arnRegion(secretArn) },
    }));
  }

  /**
   * A Parameter Store parameter of the provider's account and region, by name (`/app/db/password`, literal or a
   * Terraform reference).
   * @param name the parameter's name
   */
  public static fromSsmParameterName(name: string, options: SsmParameterOptions = {}): ContainerSecret {
    const fail = failForCall("ContainerSecret.fromSsmParameterName", name);
    checkInput(fail, "name", name, "string");
    checkInput(fail, "options", options, "SsmParameterOptions", true);
    if (!Token.isUnresolved(name)) {
      if (name.startsWith("arn:"))
        throw fail(`"${name}" is an ARN, not a name`, "use ContainerSecret.fromSsmParameterArn for an ARN");
      if (!PARAMETER_NAME.test(name))
        throw fail(
          `"${name}" is not a parameter name`,
          "use letters, digits and _.-/ as Parameter Store does, e.g. /app/db/password",
        );
    }
    if (options.kmsKeyArn !== undefined) checkKmsKeyArn(fail, options.kmsKeyArn);
    const path = Token.isUnresolved(name) ? Fn.trimprefix(name, "/") : name.replace(/^\//, "");
    return new ContainerSecret(fail, name, undefined, `ssm|${name}|${options.kmsKeyArn ?? ""}`, (scope) => {
      const region = regionOf(scope);
      return {
        action: ContainerReadAction.PARAMETER,
        resource: `arn:${partitionOf(scope)}:ssm:${region}:${accountOf(scope)}:parameter/${path}`,
        kms: options.kmsKeyArn === undefined ? undefined : { keyArn: options.kmsKeyArn, region },
      };
    });
  }

  /**
   * A Parameter Store parameter by ARN, which ECS needs for a parameter in another region.
   * @param parameterArn `arn:<partition>:ssm:<region>:<account>:parameter/<name>`
   */
  public static fromSsmParameterArn(parameterArn: string, options: SsmParameterOptions = {}): ContainerSecret {
    const fail = failForCall("ContainerSecret.fromSsmParameterArn", parameterArn);
    checkInput(fail, "parameterArn", parameterArn, "string");
    checkInput(fail, "options", options, "SsmParameterOptions", true);
    if (!Token.isUnresolved(parameterArn) && !PARAMETER_ARN.test(parameterArn)) {
      throw fail(
        `"${parameterArn}" is not a Parameter Store parameter ARN`,
        "use arn:<partition>:ssm:<region>:<account>:parameter/<name>, or fromSsmParameterName for a name",
      );
    }
    if (!Token.isUnresolved(parameterArn)) {
      const [, partition, , region] = parameterArn.split(":");
      checkArnRegion(fail, "the parameter ARN", parameterArn, partition, region);
    }
    if (options.kmsKeyArn !== undefined) {
      checkKmsKeyArn(
        fail,
        options.kmsKeyArn,
        Token.isUnresolved(parameterArn) ? undefined : parameterArn.split(":")[3],
      );
    }
    return new ContainerSecret(
      fail,
      parameterArn,
      parameterArn,
      `ssm|${parameterArn}|${options.kmsKeyArn ?? ""}`,
      () => ({
        action: ContainerReadAction.PARAMETER,
        resource: parameterArn,
        kms:
          options.kmsKeyArn === undefined ? undefined : { keyArn: options.kmsKeyArn, region: arnRegion(parameterArn) },
      }),
    );
  }

  private constructor(
    /** The factory's error builder: what it could not check at synth waits on it for the grant's policy. */
    private readonly fail: Fail,
    /** What the container definition's `valueFrom` gets. */
    public readonly valueFrom: string,
    /** @internal The secret's or parameter's ARN; undefined for a parameter given by name. */
    public readonly _arn: string | undefined,
    private readonly key: string,
    private readonly grant: (scope: Construct) => ContainerReadGrant,
  ) {}

  /**
   * Grants `role` (the execution role of a task or job) read on the value, and decrypt on its customer-managed key
   * through the service that holds it. Grants to one role accumulate in its inline policy `container-read`; task
   * and job definitions call this for every secret they are given.
   */
  public grantRead(role: IRole): void {
    checkInput(failFor("ContainerSecret.grantRead"), "role", role, "IRole");
    attachPlanChecks(this.fail, grantContainerRead(role, this.key, this.grant));
  }
}

function checkPart(fail: Fail, prop: string, value: string | undefined, shape: RegExp, want: string): void {
  if (value !== undefined && !Token.isUnresolved(value) && !shape.test(value)) {
    throw fail(`${prop} ${JSON.stringify(value)} is not valid`, `give ${want}`);
  }
}

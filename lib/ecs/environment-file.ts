import { Token } from "cdktf";
import { arnRegion } from "../private/aws-values";
import type { IRole } from "../role";
import { failFor, failForCall } from "../private/fail";
import { grantContainerRead } from "../private/container-read";
import { ContainerReadAction } from "../private/policy-documents";
import { checkKmsKeyArn } from "../private/secret-reference";
import { partitionOf } from "../private/stack-context";
import { checkInput } from "../private/boundary";

/** Options of `ecs.EnvironmentFile.fromS3Object`. */
export interface EnvironmentFileOptions {
  /**
   * ARN of the customer-managed KMS key of the object (SSE-KMS); the execution role gets `kms:Decrypt` on it
   * through S3 only.
   * @default - SSE-S3 or the AWS-managed key: no grant
   */
  readonly kmsKeyArn?: string;
}

const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/**
 * A file of `NAME=value` lines in S3 that ECS adds to a container's environment at start-up (up to ten per
 * container). The execution role is granted `s3:GetObject` on that object and `s3:GetBucketLocation` on its bucket.
 */
export class EnvironmentFile {
  /**
   * An object in S3; its key must end in `.env`, as ECS requires.
   * @param bucket the bucket's name, literal or a Terraform reference
   * @param key the object key, e.g. `app/prod.env`
   */
  public static fromS3Object(bucket: string, key: string, options: EnvironmentFileOptions = {}): EnvironmentFile {
    const fail = failForCall("ecs.EnvironmentFile.fromS3Object", bucket, key);
    checkInput(fail, "bucket", bucket, "string");
    checkInput(fail, "key", key, "string");
    checkInput(fail, "options", options, "ecs.EnvironmentFileOptions", true);
    if (!Token.isUnresolved(bucket) && !BUCKET.test(bucket))
      throw fail(
        `"${bucket}" is not an S3 bucket name`,
        "give the bucket's name (3-63 lowercase letters, digits, '.' or '-'), not its ARN or URL",
      );
    if (!Token.isUnresolved(key) && (!key.endsWith(".env") || key.startsWith("/") || key.length > 1024)) {
      throw fail(
        `key "${key}" is not an environment file key`,
        "give the object key without a leading '/', ending in .env as ECS requires",
      );
    }
    if (options.kmsKeyArn !== undefined) checkKmsKeyArn(fail, options.kmsKeyArn);
    return new EnvironmentFile(bucket, key, options.kmsKeyArn);
  }

  private constructor(
    /** The bucket's name. */
    public readonly bucket: string,
    /** The object key. */
    public readonly key: string,
    private readonly kmsKeyArn: string | undefined,
  ) {}

  /**
   * Grants `role` read on the file (and decrypt through S3 on its customer-managed key).
   * @returns the object's ARN, the `value` of a container definition's `environmentFiles` entry
   */
  public grantRead(role: IRole): string {
    checkInput(failFor("ecs.EnvironmentFile.grantRead"), "role", role, "IRole");
    const bucketArn = `arn:${partitionOf(role)}:s3:::${this.bucket}`;
    const objectArn = `${bucketArn}/${this.key}`;
    const kmsKeyArn = this.kmsKeyArn;
    grantContainerRead(role, `s3|${objectArn}|${kmsKeyArn ?? ""}`, () => ({
      action: ContainerReadAction.OBJECT,
      resource: objectArn,
      // SSE-KMS keys live in the bucket's region, which the key's ARN names.
      kms: kmsKeyArn === undefined ? undefined : { keyArn: kmsKeyArn, region: arnRegion(kmsKeyArn) },
    }));
    grantContainerRead(role, `s3-bucket|${bucketArn}`, () => ({
      action: ContainerReadAction.BUCKET_LOCATION,
      resource: bucketArn,
    }));
    return objectArn;
  }
}

/**
 * The one error this library throws for input a user can fix. Its message always reads
 * `<source>: <problem>. Fix: <fix>.`, where the source is the construct's kind and path (`ecs.TaskDefinition
 * app/Task`) or the factory call (`ContainerImage.fromRegistry("MyOrg/app")`), so the offending line can be found
 * without reading this library's code.
 *
 * At run time it is an `Error` (`instanceof Error` holds, and it has a stack trace). Its declaration does not say
 * so because jsii, which checks the public API for other languages, accepts no built-in base class.
 *
 * An app that loads two copies of this package (two versions in its node_modules) gets errors whose class is not
 * its own copy's, so `instanceof ValidationError` is false for them: `ValidationError.isValidationError(e)` holds
 * for every copy's errors.
 */
export class ValidationError {
  /**
   * Whether `x` is a ValidationError of this package, from any copy of it loaded in the app.
   * @param x anything, typically what a `catch` caught
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- jsii has no `unknown`; any value may be asked
  public static isValidationError(x: any): x is ValidationError {
    return typeof x === "object" && x !== null && (x as Record<symbol, unknown>)[BRAND] === true;
  }

  /** Always "ValidationError". */
  public readonly name: string;
  /** The full message, `<source>: <problem>. Fix: <fix>.`. */
  public readonly message: string;
  /** The construct kind and path, or the factory call, that received the bad input. */
  public readonly source: string;
  /** What is wrong, in the words of the props the user wrote. */
  public readonly problem: string;
  /** What to do about it. */
  public readonly fix: string;

  /**
   * @param source the construct kind and path, or the factory call
   * @param problem what is wrong
   * @param fix what to do about it
   */
  constructor(source: string, problem: string, fix: string) {
    this.name = "ValidationError";
    this.message = `${source}: ${problem}. Fix: ${fix}.`;
    this.source = source;
    this.problem = problem;
    this.fix = fix;
    Object.defineProperty(this, BRAND, { value: true });
    Error.captureStackTrace?.(this, ValidationError);
  }
}

// The brand every copy of the package shares: Symbol.for returns one symbol per key across the whole process.
const BRAND = Symbol.for("cdktf-private-registry.ValidationError");

// Make every ValidationError an Error at run time, so `instanceof Error`, stack printing and test matchers work.
Object.setPrototypeOf(ValidationError.prototype, Error.prototype);

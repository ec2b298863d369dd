import { Token } from "cdktf";
import { Fail } from "./fail";
import { checkName } from "./names";

interface Node {
  readonly essential: boolean;
  readonly healthy: boolean;
  readonly firelens: boolean;
  readonly logDriver?: string;
  readonly dependsOn: { containerName: string; condition: string }[];
  readonly volumesFrom: { sourceContainer: string }[];
}

/**
 * The containers of one task or job and how they refer to each other (`dependsOn`, `volumesFrom`, FireLens),
 * checked once every container is added, since a container may name one added after it.
 */
/** The members of a rendered container document the graph reads. */
interface RenderedContainer {
  readonly essential?: boolean;
  readonly healthCheck?: unknown;
  readonly firelensConfiguration?: unknown;
  readonly logConfiguration?: { readonly logDriver?: string };
  readonly dependsOn?: { containerName: string; condition: string }[];
  readonly volumesFrom?: { sourceContainer: string }[];
}

export class ContainerGraph {
  private readonly nodes = new Map<string, Node>();

  /**
   * @param unit "task" or "job", as errors name it
   * @param healthChecks whether its containers can have health checks (ECS's can, Batch's cannot)
   */
  constructor(
    private readonly fail: Fail,
    private readonly unit: string,
    private readonly healthChecks: boolean,
  ) {}

  public has(name: string): boolean {
    return this.nodes.has(name);
  }

  /** Checks a new container's name (the name rule, and no other container of it) and returns its label in errors. */
  public claim(name: string): string {
    checkName(this.fail, "container name", name, 255);
    if (this.nodes.has(name))
      throw this.fail(
        `a container named "${name}" already exists`,
        `give each container of a ${this.unit} a distinct name`,
      );
    return `container "${name}"`;
  }

  /** Adds a container from its rendered document. */
  public add(name: string, container: RenderedContainer): void {
    this.nodes.set(name, {
      essential: container.essential !== false,
      healthy: container.healthCheck !== undefined,
      firelens: container.firelensConfiguration !== undefined,
      logDriver: container.logConfiguration?.logDriver,
      dependsOn: container.dependsOn ?? [],
      volumesFrom: container.volumesFrom ?? [],
    });
  }

  /** Every problem, as ValidationError messages. */
  public problems(): string[] {
    const problems: string[] = [];
    const report = (problem: string, fix: string) => problems.push(this.fail(problem, fix).message);
    if (this.nodes.size === 0) {
      report("has no containers", "call addContainer() at least once");
      return problems;
    }
    const names = [...this.nodes.keys()];
    if (![...this.nodes.values()].some((n) => n.essential))
      report("no container is essential", "mark at least one container essential");
    const routers = names.filter((n) => this.nodes.get(n)!.firelens);
    if (routers.length > 1)
      report(
        `containers ${routers.join(", ")} are all FireLens log routers`,
        `keep one firelensConfig per ${this.unit}`,
      );
    for (const [name, node] of this.nodes) {
      if (node.logDriver === "awsfirelens" && routers.length === 0) {
        report(
          `container "${name}" logs with awsfirelens, but no container of the ${this.unit} is a FireLens log router`,
          "add a container with firelensConfig (e.g. the AWS for Fluent Bit image)",
        );
      }
      for (const { containerName: other, condition } of node.dependsOn) {
        if (Token.isUnresolved(other)) continue;
        const target = this.nodes.get(other);
        if (other === name) report(`container "${name}" depends on itself`, "remove that dependsOn entry");
        else if (target === undefined) {
          const others = names.filter((n) => n !== name);
          report(
            `container "${name}" depends on "${other}", which the ${this.unit} lacks`,
            `add a container named "${other}", or remove that dependsOn entry${others.length > 0 ? ` (the ${this.unit}'s other containers: ${others.join(", ")})` : ""}`,
          );
        } else if (condition === "HEALTHY" && !this.healthChecks)
          report(
            `container "${name}" waits for "${other}" to be HEALTHY, but Batch containers have no health check`,
            "wait for START, COMPLETE or SUCCESS",
          );
        else if (condition === "HEALTHY" && !target.healthy)
          report(
            `container "${name}" waits for "${other}" to be HEALTHY, but "${other}" has no healthCheck`,
            `give "${other}" a healthCheck, or wait for START`,
          );
        else if ((condition === "COMPLETE" || condition === "SUCCESS") && target.essential)
          report(
            `container "${name}" waits for the essential container "${other}" to ${condition === "SUCCESS" ? "succeed" : "complete"}`,
            `mark "${other}" essential: false (an essential container that exits stops the ${this.unit})`,
          );
      }
      for (const { sourceContainer } of node.volumesFrom) {
        if (!Token.isUnresolved(sourceContainer) && (sourceContainer === name || !this.nodes.has(sourceContainer))) {
          report(
            `container "${name}" mounts volumes from "${sourceContainer}", which is not another container of the ${this.unit}`,
            "name another container of it",
          );
        }
      }
    }
    const cycle = this.cycle();
    if (cycle !== undefined)
      report(
        `containers depend on each other in a cycle: ${cycle.join(" -> ")}`,
        "remove one of those dependsOn entries",
      );
    return problems;
  }

  /** A dependency cycle, as the names along it, or undefined. */
  private cycle(): string[] | undefined {
    const state = new Map<string, "visiting" | "done">();
    const path: string[] = [];
    const visit = (name: string): string[] | undefined => {
      if (state.get(name) === "done") return undefined;
      if (state.get(name) === "visiting") return [...path.slice(path.indexOf(name)), name];
      state.set(name, "visiting");
      path.push(name);
      for (const { containerName } of this.nodes.get(name)?.dependsOn ?? []) {
        if (containerName === name || !this.nodes.has(containerName)) continue;
        const found = visit(containerName);
        if (found) return found;
      }
      path.pop();
      state.set(name, "done");
      return undefined;
    };
    for (const name of this.nodes.keys()) {
      const found = visit(name);
      if (found) return found;
    }
    return undefined;
  }
}

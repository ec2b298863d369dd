import { IpcMode, PidMode } from "../task-platform";
import { Fail } from "./fail";

/** What Fargate allows of a task's namespaces (ECS tasks and multi-container Batch jobs alike): pid `task`, no ipc. */
export function checkNamespaces(
  fail: Fail,
  fargate: boolean,
  pidMode: PidMode | undefined,
  ipcMode: IpcMode | undefined,
): void {
  if (!fargate) return;
  if (ipcMode !== undefined) throw fail("ipcMode is not supported on Fargate", "remove it, or run on EC2");
  if (pidMode === PidMode.HOST)
    throw fail("pidMode host is not supported on Fargate", "use PidMode.TASK, or run on EC2");
}

// Registers cdktf's jest matchers (toHaveResourceWithProperties, ...) and their type declarations.
import "cdktf/lib/testing/adapters/jest";
import { Testing } from "cdktf";

Testing.setupJest();

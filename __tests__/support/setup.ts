// First, so that the framework's own module loading already takes the fast path (its modules create tokens).
import "./stack-traces";
// Registers cdktf's jest matchers (toHaveResourceWithProperties, ...) and their type declarations.
import "cdktf/lib/testing/adapters/jest";
import { Testing } from "cdktf";
import { stopProviderServer } from "./provider-server";

Testing.setupJest();

// A test file that ran Terraform leaves its provider process behind otherwise (until the worker exits).
afterAll(() => stopProviderServer());

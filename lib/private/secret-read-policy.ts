import { RolePolicyKind } from "./role-policy";
import { SecretGrant, secretReadPolicy } from "./policy-documents";

/** The inline policy through which a role reads registry secrets (its id keeps existing Terraform addresses). */
export const SECRET_READ: RolePolicyKind<SecretGrant> = {
  id: "PrivateRegistrySecretRead",
  name: "private-registry-secret-read",
  render: secretReadPolicy,
};

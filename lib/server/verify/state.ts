// The latest verification results per target, read by the evidence, the metric recorder and the API.
import type { VerificationState } from "../../verification";
import { singleton } from "../registry";

const states = () => singleton("verificationStates", () => new Map<string, VerificationState>());

/** null: no check has run for this target (none configured, or not started yet). */
export function getVerification(targetId: string): VerificationState | null {
  return states().get(targetId) ?? null;
}

export function setVerification(targetId: string, state: VerificationState): void {
  states().set(targetId, state);
}

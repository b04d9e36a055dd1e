-- Outcome "interrupted": written for an intent whose action can no longer report (the console stopped while it ran).
ALTER TABLE "AuditEvent" DROP CONSTRAINT "AuditEvent_outcome_check";
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_outcome_check" CHECK ("outcome" IS NULL OR "outcome" IN ('ok', 'not_found', 'refused', 'error', 'interrupted'));

-- At most one outcome per intent: a replayed outbox line or a late outcome cannot be recorded twice.
DROP INDEX "AuditEvent_intentId_idx";
CREATE UNIQUE INDEX "AuditEvent_intentId_key" ON "AuditEvent"("intentId");

-- CreateTable: the containment commands running now, one row per (target, command), claimed before the intent
CREATE TABLE "CommandRun" (
    "targetId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "intentId" BIGINT,
    "by" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "since" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeatAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deadlineAt" TIMESTAMPTZ(3) NOT NULL,
    "orphanedAt" TIMESTAMPTZ(3),

    CONSTRAINT "CommandRun_pkey" PRIMARY KEY ("targetId","name")
);

-- CreateIndex
CREATE UNIQUE INDEX "CommandRun_runId_key" ON "CommandRun"("runId");

-- CreateTable
CREATE TABLE "Guardrail" (
    "id" UUID NOT NULL,
    "targetId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "database" TEXT,
    "setting" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "prior" TEXT,
    "status" TEXT NOT NULL,
    "appliedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "appliedAtTarget" TEXT,
    "appliedBy" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3),
    "endedAt" TIMESTAMPTZ(3),
    "endedBy" TEXT,
    "expiryBlockedAt" TIMESTAMPTZ(3),
    "batchId" TEXT,
    "auditId" TEXT NOT NULL,

    CONSTRAINT "Guardrail_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Helm" (
    "targetId" TEXT NOT NULL,
    "holderUserId" TEXT NOT NULL,
    "holderUsername" TEXT NOT NULL,
    "since" TIMESTAMPTZ(3) NOT NULL,
    "lastActiveAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Helm_pkey" PRIMARY KEY ("targetId")
);

-- CreateIndex
CREATE INDEX "Guardrail_targetId_status_idx" ON "Guardrail"("targetId", "status");

-- CreateIndex
CREATE INDEX "Guardrail_status_expiresAt_idx" ON "Guardrail"("status", "expiresAt");

-- Not expressible in schema.prisma.
ALTER TABLE "Guardrail" ADD CONSTRAINT "Guardrail_status_check" CHECK ("status" IN ('active', 'reverted', 'expired', 'superseded'));

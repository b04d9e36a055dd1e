-- CreateTable
CREATE TABLE "Incident" (
    "id" UUID NOT NULL,
    "targetId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "openedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "openedBy" TEXT NOT NULL,
    "closedAt" TIMESTAMPTZ(3),
    "closedBy" TEXT,
    "summary" TEXT,
    "oomKillsAtOpen" INTEGER,
    "auditId" TEXT NOT NULL,

    CONSTRAINT "Incident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentStep" (
    "id" UUID NOT NULL,
    "incidentId" UUID NOT NULL,
    "stepKey" TEXT NOT NULL,
    "checked" BOOLEAN NOT NULL,
    "note" TEXT,
    "by" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "evidence" JSONB,
    "auditId" TEXT NOT NULL,

    CONSTRAINT "IncidentStep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentNote" (
    "id" UUID NOT NULL,
    "incidentId" UUID NOT NULL,
    "text" TEXT NOT NULL,
    "by" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "auditId" TEXT NOT NULL,

    CONSTRAINT "IncidentNote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MetricSample" (
    "targetId" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "postgresUp" BOOLEAN NOT NULL,
    "hostUp" BOOLEAN,
    "memTotalBytes" BIGINT,
    "memAvailableBytes" BIGINT,
    "swapTotalBytes" BIGINT,
    "swapFreeBytes" BIGINT,
    "swapInPerSec" DOUBLE PRECISION,
    "swapOutPerSec" DOUBLE PRECISION,
    "psiSomeAvg10" DOUBLE PRECISION,
    "psiFullAvg10" DOUBLE PRECISION,
    "oomKills" INTEGER,
    "active" INTEGER,
    "idle" INTEGER,
    "idleInTransaction" INTEGER,
    "total" INTEGER,
    "maxConnections" INTEGER,
    "tempBytes" BIGINT,
    "cronBacklog" INTEGER,
    "odooHttpStatus" INTEGER,
    "odooHttpMs" DOUBLE PRECISION,

    CONSTRAINT "MetricSample_pkey" PRIMARY KEY ("targetId","at")
);

-- CreateTable
CREATE TABLE "SignalLine" (
    "id" BIGSERIAL NOT NULL,
    "targetId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "seenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "line" TEXT NOT NULL,
    "lineHash" TEXT NOT NULL,

    CONSTRAINT "SignalLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertEvent" (
    "id" BIGSERIAL NOT NULL,
    "targetId" TEXT NOT NULL,
    "rule" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "value" DOUBLE PRECISION,
    "threshold" DOUBLE PRECISION,
    "message" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "webhook" TEXT NOT NULL,
    "webhookError" TEXT,

    CONSTRAINT "AlertEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Incident_targetId_openedAt_idx" ON "Incident"("targetId", "openedAt");

-- CreateIndex
CREATE INDEX "IncidentStep_incidentId_at_idx" ON "IncidentStep"("incidentId", "at");

-- CreateIndex
CREATE INDEX "IncidentNote_incidentId_at_idx" ON "IncidentNote"("incidentId", "at");

-- CreateIndex
CREATE INDEX "MetricSample_at_idx" ON "MetricSample"("at");

-- CreateIndex
CREATE INDEX "SignalLine_targetId_at_idx" ON "SignalLine"("targetId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "SignalLine_targetId_lineHash_key" ON "SignalLine"("targetId", "lineHash");

-- CreateIndex
CREATE INDEX "AlertEvent_targetId_at_idx" ON "AlertEvent"("targetId", "at");

-- AddForeignKey
ALTER TABLE "IncidentStep" ADD CONSTRAINT "IncidentStep_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentNote" ADD CONSTRAINT "IncidentNote_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Not expressible in schema.prisma: one open incident per target, and the closed set of values.
CREATE UNIQUE INDEX "Incident_one_open_per_target" ON "Incident"("targetId") WHERE "status" = 'open';
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_status_check" CHECK ("status" IN ('open', 'closed'));
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_severity_check" CHECK ("severity" IN ('sev1', 'sev2', 'sev3', 'sev4'));
ALTER TABLE "AlertEvent" ADD CONSTRAINT "AlertEvent_state_check" CHECK ("state" IN ('firing', 'resolved'));

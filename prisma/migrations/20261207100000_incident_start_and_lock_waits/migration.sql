-- AlterTable: the incident's effective start (earlier than openedAt when it adopted earlier events)
ALTER TABLE "Incident" ADD COLUMN "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
UPDATE "Incident" SET "startedAt" = "openedAt";

-- AlterTable: sessions waiting on a lock, for the report's impact table
ALTER TABLE "MetricSample" ADD COLUMN "waitingOnLocks" INTEGER;

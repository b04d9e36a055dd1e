-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "phase" TEXT NOT NULL,
    "intentId" BIGINT,
    "action" TEXT NOT NULL,
    "targetId" TEXT,
    "userId" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "via" TEXT NOT NULL,
    "sessionId" TEXT,
    "tokenId" TEXT,
    "clientAddr" TEXT NOT NULL,
    "userAgent" TEXT,
    "subject" JSONB,
    "sql" TEXT,
    "reason" TEXT,
    "outcome" TEXT,
    "message" TEXT,
    "durationMs" INTEGER,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- CreateIndex
CREATE INDEX "AuditEvent_action_id_idx" ON "AuditEvent"("action", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_targetId_id_idx" ON "AuditEvent"("targetId", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_username_id_idx" ON "AuditEvent"("username", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_intentId_idx" ON "AuditEvent"("intentId");

-- Not expressible in schema.prisma (Prisma leaves CHECK constraints and triggers alone).
ALTER TABLE "AuditEvent"
    ADD CONSTRAINT "AuditEvent_phase_check" CHECK ("phase" IN ('intent', 'outcome')),
    ADD CONSTRAINT "AuditEvent_outcome_check" CHECK ("outcome" IS NULL OR "outcome" IN ('ok', 'not_found', 'refused', 'error')),
    ADD CONSTRAINT "AuditEvent_hash_check" CHECK ("hash" ~ '^[0-9a-f]{64}$' AND "prevHash" ~ '^[0-9a-f]{64}$');

-- Append-only: the application never updates or deletes audit rows, and this refuses anyone else who
-- tries through SQL. A superuser (or the table's owner) can still disable the trigger or set
-- session_replication_role = replica: the HMAC hash chain is what detects that (lib/server/audit/verify.ts).
CREATE FUNCTION "AuditEvent_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit trail is append-only: % on "AuditEvent" is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER "AuditEvent_no_update_delete" BEFORE UPDATE OR DELETE ON "AuditEvent"
    FOR EACH ROW EXECUTE FUNCTION "AuditEvent_append_only"();

CREATE TRIGGER "AuditEvent_no_truncate" BEFORE TRUNCATE ON "AuditEvent"
    FOR EACH STATEMENT EXECUTE FUNCTION "AuditEvent_append_only"();

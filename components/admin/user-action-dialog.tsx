"use client";
import { useId, useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { fieldClass } from "./add-user-form";
import type { UserAction } from "./users-table";

interface UserActionDialogProps {
  action: Exclude<UserAction, { kind: "enable" }>;
  /** True when the action is on the logged-in admin's own account. */
  self: boolean;
  busy: boolean;
  error: string | null;
  onConfirm: (password?: string) => void;
  onCancel: () => void;
}

/** The confirmation for a destructive user change; its confirm button repeats the action's name. */
export function UserActionDialog({ action, self, busy, error, onConfirm, onCancel }: UserActionDialogProps) {
  const id = useId();
  const [password, setPassword] = useState("");
  const name = action.user.username;
  const common = { busy, error, onCancel };

  if (action.kind === "disable") {
    return (
      <ConfirmDialog {...common} title={`Disable ${name}?`} confirmLabel={`Disable ${name}`} onConfirm={() => onConfirm()}>
        <p>Their open sessions end at once and their API tokens stop working until the account is enabled again.</p>
        {self && <p className="text-amber-300">This is your own account: you will be logged out.</p>}
      </ConfirmDialog>
    );
  }
  if (action.kind === "role") {
    return (
      <ConfirmDialog {...common} title={`Change the role of ${name}?`} confirmLabel={`Change role of ${name} to ${action.role}`} onConfirm={() => onConfirm()}>
        <p>{`${name} goes from ${action.user.role} to ${action.role}; their permissions change at once.`}</p>
        {self && action.role !== "admin" && <p className="text-amber-300">This is your own account: you will lose access to this page.</p>}
      </ConfirmDialog>
    );
  }
  return (
    <ConfirmDialog
      {...common}
      title={`Reset the password of ${name}?`}
      confirmLabel={`Reset password of ${name}`}
      confirmDisabled={password.length === 0}
      onConfirm={() => onConfirm(password)}
    >
      <p>Their open sessions end; their API tokens keep working.{self ? " This is your own account: you will be logged out." : ""}</p>
      <div className="flex flex-col gap-0.5">
        <label htmlFor={`${id}-pw`} className="text-xs text-zinc-400">
          {`New password for ${name}`}
        </label>
        <input
          id={`${id}-pw`}
          type="password"
          autoComplete="new-password"
          data-autofocus
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          className={fieldClass}
        />
        <span className="text-xs text-zinc-400">At least 8 characters.</span>
      </div>
    </ConfirmDialog>
  );
}

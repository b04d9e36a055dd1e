"use client";
import { useId, type ButtonHTMLAttributes } from "react";
import type { Permission } from "@/lib/permissions";
import { useDeniedReason } from "./current-user";

interface GuardedButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  permission: Permission;
}

/** A button the current user may lack the permission for: then visibly disabled, with the reason shown beside it. */
export function GuardedButton({ permission, disabled, className = "", children, ...rest }: GuardedButtonProps) {
  const reasonId = useId();
  const reason = useDeniedReason(permission);
  return (
    <span className="inline-flex items-center gap-2">
      <button
        {...rest}
        disabled={disabled || reason !== null}
        aria-describedby={reason ? reasonId : rest["aria-describedby"]}
        title={reason ?? rest.title}
        className={`${className} disabled:cursor-not-allowed disabled:opacity-70`}
      >
        {children}
      </button>
      {reason && (
        <span id={reasonId} className="text-xs text-zinc-400">
          {reason}
        </span>
      )}
    </span>
  );
}
